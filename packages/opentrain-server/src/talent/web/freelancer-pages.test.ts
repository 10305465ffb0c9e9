/** The freelancer pages over HTTP: guards, validation messages, CSRF, invites accepted on the web, isolation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, uniqueEmail } from '../../testing/harness';
import type { WebClient } from '../../testing/web-client';
import { publishJob } from '../test-support';

let h: Harness;
let token: string;
let jobId: string;

const PROFILE = {
  first_name: 'Lena',
  last_name: 'Schmidt',
  title: 'Polygon specialist',
  country_code: 'DE',
  hourly_rate: '20',
  expertise_level: 'EXPERT',
  years_experience: '5',
  label_POLYGON: 'on',
  data_IMAGE: 'on',
  software: 'label studio',
  lang_0: 'German',
  prof_0: 'NATIVE',
};

async function freelancer(profile: Record<string, string> = PROFILE): Promise<WebClient> {
  const { web } = await h.signInByLink(uniqueEmail('fl'), '/freelancer/profile');
  await web.get('/freelancer/profile');
  const saved = await web.post('/freelancer/profile', profile);
  expect(saved.url).toContain('/freelancer/jobs');
  return web;
}

beforeAll(async () => {
  h = await startHarness({ settings: { sandboxMarketplace: false } });
  ({ token } = await h.claimedAgent());
  jobId = await publishJob(h, token);
});
afterAll(async () => h?.close());

describe('freelancer pages', () => {
  it('send visitors to sign in and signed-in non-freelancers to the profile form', async () => {
    const anonymous = await h.web().get('/freelancer/jobs', false);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/signin?next=%2Ffreelancer%2Fjobs');
    const { web } = await h.signInByLink(uniqueEmail('employer'), '/');
    const noProfile = await web.get('/freelancer', false);
    expect(noProfile.headers.get('location')).toBe('/freelancer/profile');
    expect((await web.get('/freelancer/signup', false)).headers.get('location')).toBe('/freelancer/profile');
    expect(noProfile.headers.get('x-frame-options')).toBe('DENY');
  });

  it('validates the sign-up and profile forms with a message naming the field', async () => {
    const web = h.web();
    await web.get('/freelancer/signup');
    const bad = await web.post('/freelancer/signup', { email: 'not-an-email', first_name: 'A', last_name: 'B' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-email-error">Enter a valid email address.');
    const sent = await web.post('/freelancer/signup', { email: uniqueEmail('new'), first_name: 'A', last_name: 'B' });
    expect(sent.text).toContain('Check your email');

    const { web: signedIn } = await h.signInByLink(uniqueEmail('fl'), '/freelancer/profile');
    await signedIn.get('/freelancer/profile');
    const noLabels = await signedIn.post('/freelancer/profile', { ...PROFILE, label_POLYGON: '' });
    expect(noLabels.status).toBe(400);
    expect(noLabels.text).toContain('id="f-labelTypes-error">Pick at least one label type');
    const badRate = await signedIn.post('/freelancer/profile', { ...PROFILE, hourly_rate: 'lots' });
    expect(badRate.status).toBe(400);
    expect(badRate.text).toContain('id="f-hourly_rate-error">Must be a number');
    expect(badRate.text).toContain('value="Polygon specialist"');
  });

  it('refuses a form without its CSRF token', async () => {
    const web = await freelancer();
    const before = (await h.api(`/jobs/${jobId}/proposals?limit=100`, { token })).body.proposals.length;
    const res = await web.post(`/freelancer/jobs/${jobId}/apply`, { bid_amount: '10', cover_letter: 'Hi' }, { csrf: null });
    expect(res.status).toBe(403);
    expect((await h.api(`/jobs/${jobId}/proposals?limit=100`, { token })).body.proposals.length).toBe(before);
  });

  it('shows bid and cover letter errors, then applies once', async () => {
    const web = await freelancer();
    const board = await web.get('/freelancer/jobs');
    expect(board.text).toContain(`/freelancer/jobs/${jobId}`);
    await web.get(`/freelancer/jobs/${jobId}`);
    const zero = await web.post(`/freelancer/jobs/${jobId}/apply`, { bid_amount: '0', cover_letter: 'Hello' });
    expect(zero.status).toBe(400);
    expect(zero.text).toContain('id="f-bid_amount-error">Enter an amount above 0');
    expect(zero.text).toContain('value="0"');
    const empty = await web.post(`/freelancer/jobs/${jobId}/apply`, { bid_amount: '12', cover_letter: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('id="f-cover_letter-error">Write a short cover letter.');
    const ok = await web.post(`/freelancer/jobs/${jobId}/apply`, { bid_amount: '12', cover_letter: 'Hello there' });
    expect(ok.url).toMatch(/\/freelancer\/proposals\/prp_\w+\/interview$/);
    expect(ok.text).toContain('Describe the labelling project');
    const twice = await web.post(`/freelancer/jobs/${jobId}/apply`, { bid_amount: '13', cover_letter: 'Again' });
    expect(twice.url).toBe(ok.url);
    const emptyAnswer = await web.post(`${new URL(ok.url).pathname}`, { answer: '   ' });
    expect(emptyAnswer.status).toBe(400);
    expect(emptyAnswer.text).toContain('id="f-answer-error">Write an answer before sending.');
    const list = await h.api(`/jobs/${jobId}/proposals`, { token });
    expect(list.body.proposals.filter((p: { bid: { amountUsd: number } }) => p.bid.amountUsd === 12)).toHaveLength(1);

    // Another freelancer cannot open this interview.
    const other = await freelancer();
    expect((await other.get(new URL(ok.url).pathname)).status).toBe(404);
  });

  it('lets an invited freelancer accept on the web with a bid and cover letter', async () => {
    const email = uniqueEmail('invited');
    const { web } = await h.signInByLink(email, '/freelancer/profile');
    await web.get('/freelancer/profile');
    await web.post('/freelancer/profile', PROFILE);
    const user = await h.services.users.findByEmail(email);
    const invite = await h.api(`/jobs/${jobId}/invites`, { method: 'POST', token, body: { freelancerId: user?.id } });
    expect(invite.status).toBe(201);
    const dashboard = await web.get('/freelancer');
    expect(dashboard.text).toContain(`data-invite="${invite.body.proposalId}"`);
    const jobPage = await web.get(`/freelancer/invites/${invite.body.proposalId}`);
    expect(jobPage.text).toContain('Accept your invitation');
    const accepted = await web.post(`/freelancer/invites/${invite.body.proposalId}`, { bid_amount: '21', cover_letter: 'Thanks for the invite!' });
    expect(accepted.url).toContain(`/freelancer/proposals/${invite.body.proposalId}/interview`);
    const p = (await h.api(`/proposals/${invite.body.proposalId}`, { token })).body.proposal;
    expect(p).toMatchObject({ source: 'invite', status: { raw: 'UNREVIEWED' }, bid: { amountUsd: 21 }, candidate: { displayName: 'Lena S.' }, aiInterview: { status: 'in_progress' } });
  });

  it('shows the public masked profile', async () => {
    const email = uniqueEmail('public');
    const { web } = await h.signInByLink(email, '/freelancer/profile');
    await web.get('/freelancer/profile');
    await web.post('/freelancer/profile', PROFILE);
    const user = await h.services.users.findByEmail(email);
    const slug = (await h.services.freelancers.getProfile(user?.id as string))?.slug;
    const page = await h.web().get(`/freelancers/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Lena S.');
    expect(page.text).not.toContain('Schmidt');
    expect(page.text).not.toContain(email);
    expect((await h.web().get('/freelancers/nobody')).status).toBe(404);
  });
});
