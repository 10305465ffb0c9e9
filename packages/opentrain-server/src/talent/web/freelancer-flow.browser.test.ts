/**
 * Acceptance, in a real browser: a freelancer signs up (emailed link from the sandbox outbox),
 * creates a profile, browses open jobs, applies with a bid and cover letter, and answers the AI
 * interviewer's questions; the employer's agent then sees the proposal via GET /jobs/{id}/proposals.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../testing/browser';
import { type Harness, startHarness, uniqueEmail } from '../../testing/harness';
import { DRONE_JOB, publishJob } from '../test-support';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness({ settings: { sandboxMarketplace: false } }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

it('a freelancer signs up, applies and takes the interview; the employer agent sees the proposal', async () => {
  const { token } = await h.claimedAgent('Hiring agent');
  const jobId = await publishJob(h, token);
  const email = uniqueEmail('trainer');

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.url}/freelancer/signup`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="first_name"]', 'Amara');
  await page.fill('input[name="last_name"]', 'Okafor');
  await page.getByRole('button', { name: 'Email me a sign-up link' }).click();
  await page.getByText('Check your email').waitFor();
  await page.getByRole('link', { name: 'sandbox outbox' }).click();
  await page.locator('article').filter({ hasText: email }).locator('a[href*="/signin/verify"]').first().click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.waitForURL(/\/freelancer\/profile$/);
  expect(await page.inputValue('input[name="first_name"]')).toBe('Amara');
  await page.fill('input[name="title"]', 'Drone imagery annotator');
  await page.fill('textarea[name="bio"]', 'Three years of aerial image annotation.');
  await page.selectOption('select[name="country_code"]', 'NG');
  await page.fill('input[name="hourly_rate"]', '16');
  await page.selectOption('select[name="expertise_level"]', 'INTERMEDIATE');
  await page.fill('input[name="years_experience"]', '3');
  await page.check('input[name="label_BOUNDING_BOX"]');
  await page.check('input[name="label_POLYGON"]');
  await page.check('input[name="data_IMAGE"]');
  await page.check('input[name="subject_AGRICULTURE"]');
  await page.fill('input[name="software"]', 'CVAT');
  await page.selectOption('select[name="lang_0"]', 'English');
  await page.selectOption('select[name="prof_0"]', 'FLUENT');
  await page.getByRole('button', { name: 'Save profile' }).click();

  await page.waitForURL(/\/freelancer\/jobs$/);
  await page.getByRole('link', { name: DRONE_JOB.fields.jobTitle }).click();
  await page.waitForURL(new RegExp(`/freelancer/jobs/${jobId}$`));
  expect(await page.locator('[data-match]').textContent()).toBe('100 of 100');
  await page.fill('input[name="bid_amount"]', '17.50');
  await page.fill('textarea[name="cover_letter"]', 'I have annotated crops and weeds in drone images for two seasons.');
  await page.getByRole('button', { name: 'Submit proposal' }).click();

  await page.waitForURL(/\/freelancer\/proposals\/prp_\w+\/interview$/);
  const answers: Record<string, string> = {
    'Describe the labelling project': 'I drew bounding boxes and polygons on drone images of maize fields, reviewing a sample of my work every day.',
    'This job needs': 'Both: bounding boxes on about 20,000 images and polygons on 3,000 images.',
    'tools have you used': 'CVAT every day for two years, including its polygon and interpolation tools.',
    'languages do you speak': 'English, fluently; all my guidelines were in English.',
    'experience do you have with': 'Agricultural image data: crops, weeds and irrigation damage from drones.',
    'How many years': 'I have 3 years of data labelling experience.',
  };
  for (let asked = 0; asked < 8; asked++) {
    if ((await page.locator('[data-interview-complete]').count()) > 0) break;
    const question = (await page.locator('li[data-role="interviewer"]').last().textContent()) ?? '';
    const answer = Object.entries(answers).find(([cue]) => question.includes(cue))?.[1] ?? 'I am happy to answer that.';
    await page.fill('textarea[name="answer"]', answer);
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.waitForLoadState();
  }
  const done = (await page.locator('[data-interview-complete]').textContent()) ?? '';
  expect(done).toMatch(/^Interview complete\. Your score: \d+ of 100\.$/);
  expect(Number(/score: (\d+)/.exec(done)?.[1])).toBeGreaterThanOrEqual(80);
  await page.getByRole('link', { name: 'Back to my proposals' }).click();
  expect(await page.textContent('main')).toContain(DRONE_JOB.fields.jobTitle);
  expect(await page.getAttribute('a[href="/freelancer/messages"]', 'href')).toBe('/freelancer/messages');
  await context.close();

  // The employer's agent sees the real (non-sandbox) proposal, masked, with the finished interview.
  const list = await h.api(`/jobs/${jobId}/proposals`, { token });
  expect(list.status).toBe(200);
  expect(list.body.proposals).toHaveLength(1);
  const [p] = list.body.proposals;
  expect(p).toMatchObject({
    sandbox: false,
    source: 'application',
    status: { raw: 'UNREVIEWED' },
    bid: { amountUsd: 17.5, unit: 'PER_HOUR' },
    candidate: { displayName: 'Amara O.', country: 'Nigeria' },
    metrics: { matchScore: 100 },
  });
  const detail = await h.api(`/proposals/${p.id}?includeInterview=true`, {
    token,
  });
  expect(detail.body.proposal.coverLetter).toContain('crops and weeds');
  expect(detail.body.proposal.interview.messages.filter((m: { role: string }) => m.role === 'candidate')).toHaveLength(6);
  expect(JSON.stringify(detail.body)).not.toContain(email);
}, 180_000);
