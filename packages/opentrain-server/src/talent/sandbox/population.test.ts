/** The sandbox population is deterministic, varied, and speaks the job drafts' vocabulary. */
import { describe, expect, it } from 'vitest';
import { COUNTRIES, DATA_TYPES, LABEL_TYPES, LANGUAGES, SUBJECT_MATTERS, TOOL_NAMES } from '../vocabulary';
import { generatePopulation } from './population';

describe('generatePopulation', () => {
  const people = generatePopulation(300, 7);

  it('is the same for the same seed, different for another', () => {
    const again = generatePopulation(300, 7);
    expect(again.map((p) => [p.userId, p.firstName, p.lastName, p.skills])).toEqual(people.map((p) => [p.userId, p.firstName, p.lastName, p.skills]));
    const other = generatePopulation(300, 8);
    expect(other.map((p) => p.firstName)).not.toEqual(people.map((p) => p.firstName));
  });

  it('has unique ids and slugs and varied people', () => {
    expect(new Set(people.map((p) => p.userId)).size).toBe(300);
    expect(new Set(people.map((p) => p.slug)).size).toBe(300);
    expect(new Set(people.map((p) => p.country)).size).toBeGreaterThan(10);
    expect(new Set(people.map((p) => p.expertiseLevel)).size).toBe(3);
    expect(new Set(people.flatMap((p) => p.skills.labelTypes)).size).toBeGreaterThan(15);
  });

  it('uses only canonical vocabulary (so jobs and profiles compare)', () => {
    for (const p of people) {
      expect(COUNTRIES.some((c) => c.name === p.country && c.code === p.countryCode)).toBe(true);
      for (const l of p.skills.labelTypes) expect(LABEL_TYPES).toContain(l);
      for (const d of p.skills.dataTypes) expect(DATA_TYPES).toContain(d);
      for (const s of p.skills.subjectMatter) expect(SUBJECT_MATTERS).toContain(s);
      for (const t of p.skills.software) expect(TOOL_NAMES).toContain(t);
      for (const l of p.languages) expect(LANGUAGES.map((x) => x.name)).toContain(l.language);
    }
  });

  it('contains no contact details in anything shown', () => {
    const shown = JSON.stringify(people.map(({ email, lastName, ...rest }) => rest));
    expect(shown).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});
