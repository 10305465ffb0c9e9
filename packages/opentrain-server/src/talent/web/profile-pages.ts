/**
 * @module Becoming a freelancer: `/freelancer/signup` (email + name, then the usual emailed sign-in
 * link, which lands on the profile form), `/freelancer/profile` (create or edit the profile that
 * makes a user a freelancer), and the public masked profile `/freelancers/{slug}`.
 */
import { ApiError, type AppEnv, button, facts, choiceField, csrfField, field, fieldErrors, flash, formatMoney, html, redirectTo, requestLocale, selectField, textareaField } from '@platform/kit';
import type { Hono } from 'hono';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../accounts';
import { emailSchema } from '../../accounts';
import type { TalentServices } from '../context';
import { currentUser, readVerifiedForm, sandboxMailHint, type WebContext } from '../../platform/web-ui';
import { signInThrottled } from '../../web';
import { freelancerView, type ProfileRow } from '../freelancer-view';
import { AVAILABILITIES, EXPERTISE_LEVELS, PROFICIENCIES, profileInputSchema } from '../freelancers-service';
import { COUNTRIES, DATA_TYPES, LABEL_TYPES, LANGUAGES, SUBJECT_MATTERS, vocabularyLabel } from '../vocabulary';
import { renderFreelancer } from './layout';

const PROFILE_PATH = '/freelancer/profile';
const LANGUAGE_ROWS = 3;

type SignupValues = { email?: string; firstName?: string; lastName?: string; errors?: Record<string, string>; error?: string };

function signupForm(c: WebContext, v: SignupValues) {
  const e = v.errors ?? {};
  return html`<h1>Join OpenTrain as an AI trainer</h1>
    <p>Find data-labelling and AI-training work. Employers see you as first name and last initial; your email and phone are never shown.</p>
    ${flash({ error: v.error })}
    <form method="post" action="/freelancer/signup" novalidate>
      ${csrfField(c)}
      ${field({ name: 'email', type: 'email', label: 'Email', value: v.email, required: true, error: e.email, hint: 'We email you a sign-in link; it is never shown to employers.', attrs: { autocomplete: 'email' } })}
      <div class="grid">
        <div>${field({ name: 'first_name', label: 'First name', value: v.firstName, required: true, error: e.first_name, attrs: { maxlength: 100, autocomplete: 'given-name' } })}</div>
        <div>${field({ name: 'last_name', label: 'Last name', value: v.lastName, required: true, error: e.last_name, hint: 'Only the initial is shown.', attrs: { maxlength: 100, autocomplete: 'family-name' } })}</div>
      </div>
      ${field({ name: 'password', type: 'password', label: 'Password (optional)', error: e.password, hint: `At least ${PASSWORD_MIN_LENGTH} characters, to sign in without an email link.`, attrs: { autocomplete: 'new-password' } })}
      ${button('Email me a sign-up link', { pending: 'Sending…' })}
    </form>
    <p>Already have an account? <a href="/signin?next=${encodeURIComponent(PROFILE_PATH)}">Sign in</a>.</p>`;
}

/** Form field of each profile input (the service's zod schema), for inline errors. */
const PROFILE_FIELDS: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  title: 'title',
  bio: 'bio',
  countryCode: 'country_code',
  city: 'city',
  hourlyRateUsd: 'hourly_rate',
  expertiseLevel: 'expertise_level',
  yearsExperience: 'years_experience',
  availability: 'availability',
  labelTypes: 'labelTypes',
  dataTypes: 'dataTypes',
  subjectMatter: 'subjectMatter',
  software: 'software',
  languages: 'languages',
};

/** Every field's first problem, from the same schema the service validates with, as sentences. */
function profileErrors(input: unknown): Record<string, string> {
  const parsed = profileInputSchema.safeParse(input);
  if (parsed.success) return {};
  const errors = fieldErrors(parsed.error, PROFILE_FIELDS);
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)]));
}

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: vocabularyLabel(v) }));

/** A group of checkboxes with a legend and the group's inline error. */
function checkboxGroup(legend: string, name: string, prefix: string, values: readonly string[], picked: readonly string[], error?: string) {
  return html`<fieldset id="f-${name}" class="choices"${error ? html` aria-describedby="f-${name}-error" aria-invalid="true"` : ''}><legend>${legend}</legend>
    ${values.map((t) => choiceField({ name: `${prefix}${t}`, label: vocabularyLabel(t), checked: picked.includes(t) }))}
    ${error ? html`<small class="field-error" id="f-${name}-error">${error}</small>` : ''}</fieldset>`;
}

function profileForm(c: WebContext, p: Partial<ProfileRow> & { first_name?: string; last_name?: string }, errors: Record<string, string> = {}, error?: string) {
  const skills = p.skills ?? {
    labelTypes: [],
    dataTypes: [],
    subjectMatter: [],
    software: [],
    tags: [],
  };
  const languages = p.languages ?? [];
  const e = errors;
  return html`<h1>${p.slug ? 'Your freelancer profile' : 'Create your freelancer profile'}</h1>
    <p>Employers see your first name and last initial, your headline, skills and rate; never your email or phone.</p>
    ${flash({ error: error ?? (Object.keys(e).length ? 'Some fields need a change: see the messages under them.' : undefined) })}
    <form method="post" action="${PROFILE_PATH}" novalidate>
      ${csrfField(c)}
      <div class="grid">
        <div>${field({ name: 'first_name', label: 'First name', value: p.first_name, required: true, error: e.first_name, attrs: { maxlength: 100, autocomplete: 'given-name' } })}</div>
        <div>${field({ name: 'last_name', label: 'Last name', value: p.last_name, required: true, error: e.last_name, hint: 'Only the initial is shown.', attrs: { maxlength: 100, autocomplete: 'family-name' } })}</div>
      </div>
      ${field({ name: 'title', label: 'Headline', value: p.title ?? '', required: true, error: e.title, hint: 'For example "Image annotator".', attrs: { maxlength: 120 } })}
      ${textareaField({ name: 'bio', label: 'About you', value: p.bio ?? '', error: e.bio, attrs: { maxlength: 2000 } })}
      <div class="grid">
        <div>${selectField({ name: 'country_code', label: 'Country', value: p.country_code ?? '', error: e.country_code, options: [{ value: '', label: 'Choose a country' }, ...COUNTRIES.map((x) => ({ value: x.code, label: x.name }))] })}</div>
        <div>${field({ name: 'city', label: 'City (optional)', value: p.city ?? '', error: e.city, attrs: { maxlength: 100 } })}</div>
      </div>
      <div class="grid">
        <div>${field({ name: 'hourly_rate', label: 'Hourly rate (USD)', value: p.hourly_rate_usd == null ? '' : String(p.hourly_rate_usd), required: true, error: e.hourly_rate, hint: 'What you ask per hour, paid to you in full.', attrs: { inputmode: 'decimal' } })}</div>
        <div>${field({ name: 'years_experience', label: 'Years of labelling experience', value: p.years_experience == null ? '' : String(p.years_experience), required: true, error: e.years_experience, attrs: { inputmode: 'numeric' } })}</div>
      </div>
      <div class="grid">
        <div>${selectField({ name: 'expertise_level', label: 'Expertise', value: p.expertise_level ?? undefined, error: e.expertise_level, options: options(EXPERTISE_LEVELS) })}</div>
        <div>${selectField({ name: 'availability', label: 'Availability', value: p.availability ?? undefined, error: e.availability, options: options(AVAILABILITIES) })}</div>
      </div>
      ${checkboxGroup('Label types you produce', 'labelTypes', 'label_', LABEL_TYPES, skills.labelTypes, e.labelTypes)}
      ${checkboxGroup('Data you work with', 'dataTypes', 'data_', DATA_TYPES, skills.dataTypes, e.dataTypes)}
      ${checkboxGroup('Subject matter', 'subjectMatter', 'subject_', SUBJECT_MATTERS, skills.subjectMatter, e.subjectMatter)}
      ${field({ name: 'software', label: 'Labelling tools', value: skills.software.join(', '), error: e.software, hint: 'Separate them with commas, for example "CVAT, Label Studio".', attrs: { maxlength: 600 } })}
      <fieldset id="f-languages"><legend>Languages</legend>
        ${Array.from({ length: LANGUAGE_ROWS }, (_, i) => {
          const l = languages[i];
          return html`<div class="grid">
            <div>${selectField({ name: `lang_${i}`, label: `Language ${i + 1}`, value: l?.language ?? '', options: [{ value: '', label: i === 0 ? 'Choose a language' : 'No other language' }, ...LANGUAGES.map((x) => ({ value: x.name, label: x.name }))] })}</div>
            <div>${selectField({ name: `prof_${i}`, label: `Level of language ${i + 1}`, value: l?.proficiency, options: options(PROFICIENCIES) })}</div>
          </div>`;
        })}
        ${e.languages ? html`<small class="field-error" id="f-languages-error">${e.languages}</small>` : ''}</fieldset>
      ${button('Save profile', { pending: 'Saving…' })}
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
    const fail = (problem: { errors?: Record<string, string>; error?: string }, status = 400) =>
      renderFreelancer(c, services, {
        title: 'Join as a freelancer',
        status,
        body: signupForm(c, { ...values, ...problem }),
      });
    const email = emailSchema.safeParse(form.email ?? '');
    const password = form.password ?? '';
    const errors: Record<string, string> = {};
    if (!email.success) errors.email = 'Enter a valid email address.';
    if (!form.first_name || form.first_name.length > 100) errors.first_name = 'Enter 1 to 100 characters.';
    if (!form.last_name || form.last_name.length > 100) errors.last_name = 'Enter 1 to 100 characters.';
    if (password && (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)) errors.password = `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, or leave it empty.`;
    if (!email.success || Object.keys(errors).length) return fail({ errors });
    const limited = await signInThrottled(c, services, email.data, 'mail');
    if (limited) return fail({ error: limited }, 429);
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
      return fail({ error: 'We could not send the email right now. Please try again in a few minutes.' }, 503);
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
      // The form comes back as typed, each problem under its field (the service's own schema).
      const draft = {
        ...profile,
        first_name: input.firstName,
        last_name: input.lastName,
        title: input.title,
        bio: input.bio,
        city: input.city,
        country_code: input.countryCode,
        hourly_rate_usd: input.hourlyRateUsd,
        years_experience: input.yearsExperience,
        expertise_level: input.expertiseLevel,
        availability: input.availability,
        skills: { labelTypes: input.labelTypes, dataTypes: input.dataTypes, subjectMatter: input.subjectMatter, software: input.software, tags: [] },
        languages: input.languages,
      } as unknown as Partial<ProfileRow>;
      const errors = profileErrors(input);
      return renderFreelancer(c, services, {
        title: 'Freelancer profile',
        user,
        profile,
        status: 400,
        body: profileForm(c, draft, errors, Object.keys(errors).length ? undefined : err.message),
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
        body: html`<h1>No such freelancer</h1><p>This profile does not exist or was removed.</p>`,
      });
    const f = freelancerView(row);
    const locale = requestLocale(c);
    return renderFreelancer(c, services, {
      title: f.displayName,
      user,
      body: html`<h1>${f.displayName}</h1>${f.sandbox ? html`<p class="sandbox">Simulated sandbox freelancer.</p>` : ''}
        <p><strong>${f.title ?? 'AI trainer'}</strong></p>
        ${f.bio ? html`<p class="prose-lines">${f.bio}</p>` : ''}
        <article>${facts([
          ['Hourly rate', f.hourlyRateUsd ? `${formatMoney(Math.round(Number(f.hourlyRateUsd) * 100), locale)} per hour` : 'Not set'],
          ['Country', f.country ?? 'Not given'],
          ['Expertise', vocabularyLabel(f.expertiseLevel)],
          ['Label types', f.skills.labelTypes.map(vocabularyLabel).join(', ') || 'None listed'],
          ['Tools', f.skills.software.join(', ') || 'None listed'],
          ['Languages', f.languages.map((l) => `${l.language} (${vocabularyLabel(l.proficiency)})`).join(', ') || 'None listed'],
          ['Reviews', f.stats.reviewCount ? `${f.stats.reviewCount} (average ${f.stats.averageRating ?? 'not rated'} of 5)` : 'No reviews yet'],
        ])}</article>
        ${f.reviews.length ? html`<h2>Reviews</h2><ul>${f.reviews.map((r) => html`<li>${r.rating} of 5: ${r.comment}</li>`)}</ul>` : ''}`,
    });
  });
}
