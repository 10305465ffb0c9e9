/** Contact details never leave the server; names are masked to first name + last initial. */
import { describe, expect, it } from 'vitest';
import { lastNameInitial, maskedName, scrubContactDetails } from './privacy';

describe('scrubContactDetails', () => {
  it.each([
    ['Mail me at maria.garcia+work@example.com please', 'Mail me at [email removed] please'],
    ['Call +34 612 345 678 any time', 'Call [phone removed] any time'],
    ['My number is (415) 555-0134 ext', 'My number is [phone removed] ext'],
    ['phone 0612345678', 'phone [phone removed]'],
    ['see https://example.com/me or www.maria.dev', 'see [link removed] or [link removed]'],
    ['ping me on wa.me/34612345678', 'ping me on [link removed]'],
    ['WhatsApp: maria_g99 or telegram @mariag', '[contact removed] or [contact removed]'],
    ['find me @maria_g on socials', 'find me [contact removed] on socials'],
  ])('scrubs %s', (input, expected) => {
    expect(scrubContactDetails(input)).toBe(expected);
  });

  it('keeps years, counts, rates and dates', () => {
    const text = 'From 2019-2023 (2019 - 2023) I labelled 120,000 images at $12.50/h; 5 years, ISO 9001, 2026-11-30.';
    expect(scrubContactDetails(text)).toBe(text);
  });
});

describe('maskedName', () => {
  it('shows first name and last initial only', () => {
    expect(maskedName('Maria', 'García López')).toBe('Maria G.');
    expect(maskedName('Đorđe', 'šimić')).toBe('Đorđe Š.');
    expect(lastNameInitial('')).toBe('');
    expect(maskedName('Ana', '')).toBe('Ana');
  });
});
