/** @module The freelancer pages' frame: the shared layout with the freelancer navigation, and the sign-in/profile guards. */
import { DEFAULT_LOCALE, formatMoney, type Html, html, layout, navLinks, redirectTo } from '@platform/kit';
import type { UserRow } from '../../accounts';
import type { TalentServices } from '../context';
import { currentUser, FOOTER, signOutItems, type WebContext } from '../../platform/web-ui';
import type { ProfileRow } from '../freelancer-view';
import { maskedName } from '../privacy';

const FREELANCER_LINKS = [
  { href: '/freelancer/jobs', label: 'Find work' },
  { href: '/freelancer', label: 'My proposals' },
  { href: '/freelancer/messages', label: 'Messages' },
  { href: '/freelancer/earnings', label: 'Earnings' },
  { href: '/freelancer/profile', label: 'Profile' },
];

export async function renderFreelancer(
  c: WebContext,
  services: TalentServices,
  options: {
    title: string;
    body: Html;
    user?: UserRow;
    profile?: ProfileRow;
    status?: number;
  },
) {
  // Pages of other modules (messages, earnings) pass the user only: the header still shows the masked name.
  const profile = options.profile ?? (options.user ? await services.freelancers.getProfile(options.user.id) : undefined);
  const nav = options.user
    ? html`${navLinks(FREELANCER_LINKS, c.req.path)}${signOutItems(c, profile ? maskedName(profile.first_name, profile.last_name) : options.user.email)}`
    : html`<li><a href="/signin">Sign in</a></li><li><a href="/freelancer/signup" role="button">Join as a freelancer</a></li>`;
  const sandbox = services.mailer.kind === 'sandbox' || services.talentSettings.sandboxMarketplace;
  return c.html(
    layout({
      title: options.title,
      product: 'OpenTrain',
      body: options.body,
      nav,
      footer: FOOTER,
      sandbox,
    }),
    (options.status ?? 200) as 200,
  );
}

/** The signed-in freelancer, or a redirect: to sign-in without a session, to the profile form without a profile. */
export async function requireFreelancer(c: WebContext, services: TalentServices): Promise<{ user: UserRow; profile: ProfileRow } | { response: Response }> {
  const user = await currentUser(c, services);
  const here = new URL(c.req.url);
  if (!user)
    return {
      response: redirectTo(c, `/signin?next=${encodeURIComponent(here.pathname + here.search)}`),
    };
  const profile = await services.freelancers.getProfile(user.id);
  if (!profile) return { response: redirectTo(c, '/freelancer/profile') };
  return { user, profile };
}

/** A dollar amount stored as a decimal (bids, rates) in the reader's locale; a missing one reads as words, not a dash. */
export const money = (amount: unknown, locale = DEFAULT_LOCALE, whenMissing = 'Not set') => (amount == null || amount === '' ? whenMissing : formatMoney(Math.round(Number(amount) * 100), locale));
