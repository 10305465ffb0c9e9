/**
 * @module Privacy: freelancers are shown as "Maria G." everywhere, and contact details in anything
 * they wrote (bio, cover letter, interview answers) are replaced before it leaves the server.
 * Employers reach trainers through OpenTrain messages only (spec: privacy and work email).
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A URL, or a bare domain with a path ("wa.me/…", "t.me/…"). */
const LINK = /\b(?:https?:\/\/|www\.)\S+|\b(?:wa\.me|t\.me|m\.me|linkedin\.com|telegram\.me)\/\S*/giu;
/** A run of digits and phone punctuation; counted as a phone number from 7 digits with a leading + or 9 digits without. */
const DIGIT_RUN = /[+(]?\d[\d\s().\-/]{5,}\d/g;
/** "@maria_g" style handles (after emails are gone). */
const HANDLE = /(?<![\p{L}\p{N}._-])@[\p{L}\p{N}_.]{3,}/gu;
/** "whatsapp me", "skype: live:x", "telegram @x": the messenger name followed by an identifier. */
const MESSENGER = /\b(?:whats\s?app|telegram|skype|signal|wechat|viber|discord)\b\s*(?:id|me|at|on|:)?\s*[:-]?\s*@?[\p{L}\p{N}_.:+-]{3,}/giu;

export const REMOVED = {
  email: '[email removed]',
  phone: '[phone removed]',
  link: '[link removed]',
  handle: '[contact removed]',
} as const;

export function scrubContactDetails(text: string): string {
  return text
    .replace(EMAIL, REMOVED.email)
    .replace(LINK, REMOVED.link)
    .replace(DIGIT_RUN, (run) => {
      const groups = run.match(/\d+/g) ?? [];
      if (groups.every((g) => /^(?:19|20)\d\d$/.test(g))) return run; // year ranges: "2019-2023 (2019 - 2023)"
      const digits = groups.join('').length;
      return digits >= 9 || (run.startsWith('+') && digits >= 7) ? REMOVED.phone : run;
    })
    .replace(MESSENGER, REMOVED.handle)
    .replace(HANDLE, REMOVED.handle);
}

export const scrubOrNull = (text: string | null | undefined) => (text == null ? null : scrubContactDetails(text));

/** "Maria", "Garcia" → "Maria G." (the surname never leaves the server). */
export function maskedName(firstName: string, lastName: string): string {
  const initial = lastNameInitial(lastName);
  return initial ? `${firstName.trim()} ${initial}.` : firstName.trim();
}

export function lastNameInitial(lastName: string): string {
  const first = [...lastName.trim()][0];
  return first ? first.toUpperCase() : '';
}
