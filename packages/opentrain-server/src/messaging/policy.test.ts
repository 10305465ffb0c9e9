/** The message content policy: what is refused (contact details, off-platform payment) and what is ordinary chat. */
import { describe, expect, it } from 'vitest';
import { screenMessage } from './policy';
import { composeSandboxReply } from './sandbox-replies';

describe('screenMessage', () => {
  it.each([
    ['Reach me at jane.doe@gmail.com', 'contact_details'],
    ['my number is +1 (415) 555-0132, call me', 'contact_details'],
    ['Add me on telegram @labelqueen', 'contact_details'],
    ['I can pay you via PayPal to skip the fees.', 'off_platform_payment'],
    ["I'll send you the money through Wise instead", 'off_platform_payment'],
    ['Let us avoid the platform fees and settle privately', 'off_platform_payment'],
    ['Payment will be made via bitcoin', 'off_platform_payment'],
  ])('blocks %j as %s', (text, policy) => {
    const verdict = screenMessage(text);
    expect(verdict).toMatchObject({ allowed: false, policy });
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    'Hi Maria, can you start on Monday?',
    'Label the WhatsApp chat logs by intent, please.',
    'Please classify PayPal transaction disputes into the five categories.',
    'The fee structure is explained in the contract; milestone 2 is funded.',
    'Send the finished batch here on OpenTrain when done.',
    'THANK YOU so much!!! Great work on the first 500 images.',
  ])('allows %j', (text) => {
    expect(screenMessage(text)).toEqual({
      allowed: true,
      policy: null,
      reasons: [],
    });
  });
});

describe('sandbox replies', () => {
  const questions = [
    'When can you start, and how many hours a week do you have?',
    'What is your rate per label for 10k images?',
    'Could you do a short test batch first?',
    'Tell me about your experience with similar projects.',
    'Which tools have you used? Label Studio?',
    'Hello',
    'Do you have any questions?',
    'We need bounding boxes around cars, pedestrians and cyclists; deadline is in two weeks; budget is fixed.',
  ];

  it('answer deterministically, react to the question, and never break the message policy', () => {
    for (const [i, q] of questions.entries()) {
      const unanswered = [{ id: `msg_${i}`, content: q }];
      const reply = composeSandboxReply('conv_1', unanswered, i % 2 === 0);
      expect(reply).toBe(composeSandboxReply('conv_1', unanswered, i % 2 === 0));
      expect(reply.length).toBeGreaterThan(20);
      expect(screenMessage(reply).allowed, reply).toBe(true);
    }
    expect(composeSandboxReply('conv_1', [{ id: 'm', content: 'When can you start?' }], false)).toMatch(/start|available|schedule/i);
    expect(composeSandboxReply('conv_1', [{ id: 'm', content: 'What rate do you charge?' }], false)).toMatch(/rate/i);
    expect(composeSandboxReply('conv_1', [{ id: 'm', content: 'Hi' }], true)).toMatch(/^(Hi|Hello)/);
  });
});
