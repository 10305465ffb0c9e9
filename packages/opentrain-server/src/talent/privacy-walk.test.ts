/**
 * Privacy: a real freelancer signs up over the web pages and writes contact details into their bio,
 * cover letter and interview answers; then every API response that contains a freelancer is walked
 * and no email address, phone number, surname or sign-up email appears anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';
import type { WebClient } from '../testing/web-client';
import { publishJob } from './test-support';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;
/** A run of digits and phone punctuation holding 9+ digits (ISO dates and years stay below that). */
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;
const looksLikePhone = (s: string) => (s.match(PHONE) ?? []).some((run) => run.replace(/\D/g, '').length >= 9);

function strings(value: unknown, path = '$', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) strings(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

let h: Harness;
let token: string;
let jobId: string;
const freelancerEmail = uniqueEmail('maria');
const SURNAME = 'Zabaleta-Quintero';
const CONTACT = 'Write to maria.zq@example.org or call +34 612 345 678 / (415) 555-0134, WhatsApp: mariazq';

async function answerAll(web: WebClient, proposalId: string) {
  for (let i = 0; i < 10; i++) {
    const page = await web.get(`/freelancer/proposals/${proposalId}/interview`);
    if (page.text.includes('data-interview-complete')) return page;
    const res = await web.post(`/freelancer/proposals/${proposalId}/interview`, {
      answer: `I have 4 years drawing bounding boxes and polygons on images in CVAT, in English. ${CONTACT}`,
    });
    expect(res.status).toBe(200);
  }
  throw new Error('interview did not finish');
}

beforeAll(async () => {
  h = await startHarness({
    settings: {
      sandboxMarketplace: true,
      sandboxApplyMode: 'immediate',
      sandboxApplicantsPerJob: 5,
    },
  });
  ({ token } = await h.claimedAgent());
  jobId = await publishJob(h, token);
});
afterAll(async () => h?.close());

describe('privacy', () => {
  it('never shows a freelancer email, phone or surname in any response', async () => {
    const { web } = await h.signInByLink(freelancerEmail, '/freelancer/profile');
    const form = await web.get('/freelancer/profile');
    expect(form.text).toContain('Create your freelancer profile');
    const saved = await web.post('/freelancer/profile', {
      first_name: 'María',
      last_name: SURNAME,
      title: 'Image annotator (mail maria.zq@example.org)',
      bio: `Careful annotator. ${CONTACT}`,
      country_code: 'ES',
      city: 'Bilbao',
      hourly_rate: '14',
      expertise_level: 'INTERMEDIATE',
      years_experience: '4',
      availability: 'FULL_TIME',
      label_BOUNDING_BOX: 'on',
      label_POLYGON: 'on',
      data_IMAGE: 'on',
      software: 'cvat, Label Studio',
      lang_0: 'Spanish',
      prof_0: 'NATIVE',
      lang_1: 'English',
      prof_1: 'FLUENT',
    });
    expect(saved.status).toBe(200);
    expect(saved.url).toContain('/freelancer/jobs');
    expect(saved.text).toContain('Bounding boxes for agricultural drone images');
    await web.get(`/freelancer/jobs/${jobId}`);
    const applied = await web.post(`/freelancer/jobs/${jobId}/apply`, {
      bid_amount: '15.5',
      cover_letter: `I would love to help. ${CONTACT}`,
    });
    const proposalId = /\/freelancer\/proposals\/(prp_[A-Za-z0-9]+)\/interview/.exec(applied.url)?.[1] as string;
    expect(proposalId).toBeTruthy();
    await answerAll(web, proposalId);

    const me = await h.services.users.findByEmail(freelancerEmail);
    const responses: Array<[string, unknown]> = [];
    const get = async (path: string) => {
      const res = await h.api(path, { token });
      expect(res.status, path).toBe(200);
      responses.push([path, res.body]);
      return res.body;
    };
    const list = await get(`/jobs/${jobId}/proposals?limit=100`);
    await get(`/jobs/${jobId}/proposals?limit=100&sort=matchScore`);
    expect(list.proposals.map((p: { candidate: { id: string } }) => p.candidate.id)).toContain(me?.id);
    for (const p of list.proposals) {
      await get(`/proposals/${p.id}?includeInterview=true`);
      await get(`/proposals/${p.id}/interview`);
      await get(`/freelancers/${p.candidate.id}`);
      await get(`/freelancers/${p.candidate.profileSlug}`);
    }
    const invite = await h.api(`/jobs/${jobId}/invites`, {
      method: 'POST',
      token,
      body: { freelancerId: me?.id },
    });
    responses.push(['invite', invite.body]);
    const page = await h.web().get(`/freelancers/${list.proposals[0].candidate.profileSlug}`);
    responses.push(['public profile page', page.text]);

    for (const [where, body] of responses) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      expect(text, where).not.toContain(freelancerEmail);
      expect(text, where).not.toContain(SURNAME);
      expect(text, where).not.toContain('sandbox.opentrain.invalid');
      for (const [path, value] of typeof body === 'string' ? ([[where, body]] as Array<[string, string]>) : strings(body)) {
        expect(EMAIL.test(value), `${where} ${path}: ${value}`).toBe(false);
        expect(looksLikePhone(value), `${where} ${path}: ${value}`).toBe(false);
      }
    }
    const mine = (await h.api(`/proposals/${proposalId}?includeInterview=true`, { token })).body.proposal;
    expect(mine.candidate.displayName).toBe('María Z.');
    expect(mine.coverLetter).toContain('[email removed]');
    expect(mine.coverLetter).toContain('[phone removed]');
    expect(mine.interview.messages.filter((m: { role: string }) => m.role === 'candidate').every((m: { content: string }) => m.content.includes('[email removed]'))).toBe(true);
    const profile = (await h.api(`/freelancers/${me?.id}`, { token })).body.freelancer;
    expect(profile.bio).toContain('[phone removed]');
    expect(profile.title).toBe('Image annotator (mail [email removed])');
  });
});
