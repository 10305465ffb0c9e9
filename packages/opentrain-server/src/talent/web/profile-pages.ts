/**
 * @module Becoming a freelancer: `/freelancer/signup` (email + name, then the usual emailed sign-in
 * link, which lands on the profile form), `/freelancer/profile` (create or edit the profile that
 * makes a user a freelancer), and the public masked profile `/freelancers/{slug}`.
 */
import { ApiError, type AppEnv, csrfField, html, redirectTo } from '@platform/kit';
import type { Hono } from 'hono';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../accounts';
import { emailSchema } from '../../accounts';
import type { TalentServices } from '../context';
import { currentUser, errorLine, readVerifiedForm, sandboxMailHint, type WebContext } from '../../platform/web-ui';
import { signInThrottled } from '../../web';
import { freelancerView, type ProfileRow } from '../freelancer-view';
import { AVAILABILITIES, EXPERTISE_LEVELS, PROFICIENCIES } from '../freelancers-service';
import { COUNTRIES, DATA_TYPES, LABEL_TYPES, LANGUAGES, SUBJECT_MATTERS, vocabularyLabel } from '../vocabulary';
import { renderFreelancer } from './layout';

const PROFILE_PATH = '/freelancer/profile';
const LANGUAGE_ROWS = 3;

function signupForm(c: WebContext, v: { email?: string; firstName?: string; lastName?: string; error?: string }) {
  return html`<h1>Join OpenTrain as an AI trainer</h1>
    <p>Find data-labelling and AI-training work. Employers see you as first name and last initial; your email and phone are never shown.</p>
    ${errorLine(v.error)}
    <form method="post" action="/freelancer/signup">
      ${csrfField(c)}
      <label>Email <input type="email" name="email" required autocomplete="email" value="${v.email ?? ''}" /></label>
      <label>First name <input name="first_name" required maxlength="100" value="${v.firstName ?? ''}" /></label>
      <label>Last name <input name="last_name" required maxlength="100" value="${v.lastName ?? ''}" /></label>
      <label>Password (optional, at least ${PASSWORD_MIN_LENGTH} characters) <input type="password" name="password" autocomplete="new-password" /></label>
      <button type="submit">Email me a sign-up link</button>
    </form>
    <p>Already have an account? <a href="/signin?next=${encodeURIComponent(PROFILE_PATH)}">Sign in</a>.</p>`;
}

const selected = (on: boolean) => (on ? html` selected` : '');
const checked = (on: boolean) => (on ? html` checked` : '');

function profileForm(c: WebContext, p: Partial<ProfileRow> & { first_name?: string; last_name?: string }, error?: string) {
  const skills = p.skills ?? {
    labelTypes: [],
    dataTypes: [],
    subjectMatter: [],
    software: [],
    tags: [],
  };
  const languages = p.languages ?? [];
  return html`<h1>${p.slug ? 'Your freelancer profile' : 'Create your freelancer profile'}</h1>
    ${errorLine(error)}
    <form method="post" action="${PROFILE_PATH}">
      ${csrfField(c)}
      <label>First name <input name="first_name" required maxlength="100" value="${p.first_name ?? ''}" /></label>
      <label>Last name (only the initial is shown) <input name="last_name" required maxlength="100" value="${p.last_name ?? ''}" /></label>
      <label>Headline <input name="title" required maxlength="120" placeholder="Image annotator" value="${p.title ?? ''}" /></label>
      <label>About you <textarea name="bio" maxlength="2000" rows="4">${p.bio ?? ''}</textarea></label>
      <label>Country <select name="country_code" required><option value="">Choose…</option>
        ${COUNTRIES.map((x) => html`<option value="${x.code}"${selected(p.country_code === x.code)}>${x.name}</option>`)}</select></label>
      <label>City <input name="city" maxlength="100" value="${p.city ?? ''}" /></label>
      <label>Hourly rate (USD) <input name="hourly_rate" inputmode="decimal" required value="${p.hourly_rate_usd ?? ''}" /></label>
      <label>Expertise <select name="expertise_level">${EXPERTISE_LEVELS.map((l) => html`<option value="${l}"${selected(p.expertise_level === l)}>${vocabularyLabel(l)}</option>`)}</select></label>
      <label>Years of labelling experience <input name="years_experience" inputmode="numeric" required value="${p.years_experience ?? ''}" /></label>
      <label>Availability <select name="availability">${AVAILABILITIES.map((a) => html`<option value="${a}"${selected(p.availability === a)}>${vocabularyLabel(a)}</option>`)}</select></label>
      <fieldset><legend>Label types you produce</legend>
        ${LABEL_TYPES.map((t) => html`<label><input type="checkbox" name="label_${t}"${checked(skills.labelTypes.includes(t))} /> ${vocabularyLabel(t)}</label> `)}</fieldset>
      <fieldset><legend>Data you work with</legend>
        ${DATA_TYPES.map((t) => html`<label><input type="checkbox" name="data_${t}"${checked(skills.dataTypes.includes(t))} /> ${vocabularyLabel(t)}</label> `)}</fieldset>
      <fieldset><legend>Subject matter</legend>
        ${SUBJECT_MATTERS.map((t) => html`<label><input type="checkbox" name="subject_${t}"${checked(skills.subjectMatter.includes(t))} /> ${vocabularyLabel(t)}</label> `)}</fieldset>
      <label>Labelling tools (comma-separated) <input name="software" maxlength="600" placeholder="CVAT, Label Studio" value="${skills.software.join(', ')}" /></label>
      <fieldset><legend>Languages</legend>
        ${Array.from({ length: LANGUAGE_ROWS }, (_, i) => {
          const l = languages[i];
          return html`<label>Language ${i + 1} <select name="lang_${i}"><option value="">–</option>${LANGUAGES.map((x) => html`<option value="${x.name}"${selected(l?.language === x.name)}>${x.name}</option>`)}</select></label>
            <label>Level <select name="prof_${i}">${PROFICIENCIES.map((x) => html`<option value="${x}"${selected(l?.proficiency === x)}>${vocabularyLabel(x)}</option>`)}</select></label>`;
        })}</fieldset>
      <button type="submit">Save profile</button>
    </form>`;
}

/** Form fields → the profile input the service validates. */
function profileInput(form: Record<string, string>) {
  const picked = (prefix: string) =>
    Object.keys(form)
      .filter((k) => k.startsWith(prefix) && form[k])
      .map((k) => k.slice(prefix.length));
  return {
    firstName: form.first_name ?? '',
    lastName: form.last_name ?? '',
    title: form.title ?? '',
    bio: form.bio ?? '',
    countryCode: form.country_code ?? '',
    city: form.city ?? '',
    hourlyRateUsd: form.hourly_rate ?? '',
    expertiseLevel: form.expertise_level,
    yearsExperience: form.years_experience ?? '',
    availability: form.availability || undefined,
    labelTypes: picked('label_'),
    dataTypes: picked('data_'),
    subjectMatter: picked('subject_'),
    software: (form.software ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    languages: Array.from({ length: LANGUAGE_ROWS }, (_, i) => ({
      language: form[`lang_${i}`],
      proficiency: form[`prof_${i}`],
    })).filter((l) => l.language),
  };
}

export function mountProfilePages(app: Hono<AppEnv>, services: TalentServices): void {
  app.get('/freelancer/signup', async (c) => {
    const user = await currentUser(c, services);
    if (user) return redirectTo(c, PROFILE_PATH);
    return renderFreelancer(c, services, {
      title: 'Join as a freelancer',
      body: signupForm(c, { email: c.req.query('email') }),
    });
  });

  app.post('/freelancer/signup', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const { form } = read;
    const values = {
      email: form.email,
      firstName: form.first_name,
      lastName: form.last_name,
    };
    const fail = (error: string, status = 400) =>
      renderFreelancer(c, services, {
        title: 'Join as a freelancer',
        status,
        body: signupForm(c, { ...values, error }),
      });
    const email = emailSchema.safeParse(form.email ?? '');
    if (!email.success) return fail('Email: enter a valid email address.');
    if (!form.first_name || form.first_name.length > 100) return fail('First name: enter 1 to 100 characters.');
    if (!form.last_name || form.last_name.length > 100) return fail('Last name: enter 1 to 100 characters.');
    const password = form.password ?? '';
    if (password && (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)) return fail(`Password: use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, or leave it empty.`);
    const limited = await signInThrottled(c, services, email.data, 'mail');
    if (limited) return fail(limited, 429);
    try {
      await services.magicLinks.send({
        email: email.data,
        next: PROFILE_PATH,
        profile: {
          firstName: form.first_name,
          lastName: form.last_name,
          password: password || undefined,
        },
      });
    } catch (err) {
      services.logger.warn({ error: err instanceof Error ? err.message : String(err) }, 'freelancer sign-up email not sent');
      return fail('We could not send the email right now. Please try again in a few minutes.', 503);
    }
    return renderFreelancer(c, services, {
      title: 'Check your email',
      body: html`<h1>Check your email</h1><p>We sent a link to <strong>${email.data}</strong>. Open it to finish: you will set up your freelancer profile next.</p>${sandboxMailHint(services)}`,
    });
  });

  app.get(PROFILE_PATH, async (c) => {
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, `/freelancer/signup`);
    const profile = await services.freelancers.getProfile(user.id);
    const draft = profile ?? {
      first_name: user.first_name ?? '',
      last_name: user.last_name ?? '',
    };
    return renderFreelancer(c, services, {
      title: 'Freelancer profile',
      user,
      profile,
      body: profileForm(c, draft),
    });
  });

  app.post(PROFILE_PATH, async (c) => {
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/freelancer/signup');
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const input = profileInput(read.form);
    try {
      await services.freelancers.saveOwnProfile(user.id, input);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const profile = await services.freelancers.getProfile(user.id);
      const draft = {
        ...profile,
        first_name: input.firstName,
        last_name: input.lastName,
        title: input.title,
        bio: input.bio,
        city: input.city,
        country_code: input.countryCode,
      } as Partial<ProfileRow>;
      return renderFreelancer(c, services, {
        title: 'Freelancer profile',
        user,
        profile,
        status: 400,
        body: profileForm(c, draft, err.message),
      });
    }
    return redirectTo(c, '/freelancer/jobs');
  });

  /** The public masked profile: the same data as `GET /freelancers/{idOrSlug}`. */
  app.get('/freelancers/:slug', async (c) => {
    const row = await services.freelancers.findByIdOrSlug(c.req.param('slug'));
    const user = await currentUser(c, services);
    if (!row)
      return renderFreelancer(c, services, {
        title: 'Not found',
        user,
        status: 404,
        body: html`<h1>No such freelancer</h1>`,
      });
    const f = freelancerView(row);
    return renderFreelancer(c, services, {
      title: f.displayName,
      user,
      body: html`<h1>${f.displayName}</h1>${f.sandbox ? html`<p class="sandbox">Simulated sandbox freelancer.</p>` : ''}
        <p><strong>${f.title ?? ''}</strong> · ${f.country ?? ''} · ${vocabularyLabel(f.expertiseLevel)} · ${f.hourlyRateUsd ? `$${f.hourlyRateUsd}/h` : ''}</p>
        <p>${f.bio ?? ''}</p>
        <p>Label types: ${f.skills.labelTypes.map(vocabularyLabel).join(', ') || 'None listed'}</p>
        <p>Tools: ${f.skills.software.join(', ') || 'None listed'}</p>
        <p>Languages: ${f.languages.map((l) => `${l.language} (${vocabularyLabel(l.proficiency)})`).join(', ') || 'None listed'}</p>
        <p>${f.stats.reviewCount} review(s)${f.stats.averageRating ? `, average ${f.stats.averageRating}` : ''}</p>
        <ul>${f.reviews.map((r) => html`<li>${r.rating}/5: ${r.comment}</li>`)}</ul>`,
    });
  });
}
