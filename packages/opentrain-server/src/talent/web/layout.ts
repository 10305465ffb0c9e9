/** @module The freelancer pages' frame: the shared layout with the freelancer navigation, and the sign-in/profile guards. */
import { csrfField, type Html, html, layout, redirectTo } from '@platform/kit';
import type { UserRow } from '../../accounts/users-service';
import type { Services } from '../../services';
import { currentUser, type WebContext } from '../../web/ui';
import type { ProfileRow } from '../freelancer-view';
import { maskedName } from '../privacy';

export function renderFreelancer(
  c: WebContext,
  services: Services,
  options: {
    title: string;
    body: Html;
    user?: UserRow;
    profile?: ProfileRow;
    status?: number;
  },
) {
  const nav = options.user
    ? html`<a href="/freelancer/jobs">Find work</a> · <a href="/freelancer">My proposals</a> · <a href="/freelancer/messages">Messages</a> ·
        <a href="/freelancer/profile">Profile</a> · <span>${options.profile ? maskedName(options.profile.first_name, options.profile.last_name) : options.user.email}</span>
        <form method="post" action="/signout" style="display:inline;margin:0">${csrfField(c)}<button class="secondary" type="submit">Sign out</button></form>`
    : html`<a href="/signin">Sign in</a> · <a href="/freelancer/signup">Join as a freelancer</a>`;
  const sandbox = services.mailer.kind === 'sandbox' || services.talentSettings.sandboxMarketplace;
  return c.html(
    layout({
      title: options.title,
      product: 'OpenTrain',
      body: options.body,
      nav,
      sandbox,
    }),
    (options.status ?? 200) as 200,
  );
}

/** The signed-in freelancer, or a redirect: to sign-in without a session, to the profile form without a profile. */
export async function requireFreelancer(c: WebContext, services: Services): Promise<{ user: UserRow; profile: ProfileRow } | { response: Response }> {
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

export const money = (amount: unknown) => (amount == null ? '–' : `$${Number(amount).toFixed(2)}`);
