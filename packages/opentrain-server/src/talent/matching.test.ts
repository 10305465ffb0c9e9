/** The match score (0-100): weighted coverage of the requirements a job states, deterministic. */
import { describe, expect, it } from 'vitest';
import { type CandidateSkills, matchScore, requirementsFromFields } from './matching';

const job = requirementsFromFields({
  labelTypes: ['BOUNDING_BOX', 'POLYGON'],
  languages: ['English'],
  labelingSoftware: ['CVAT'],
  dataType: 'IMAGE',
  subjectMatter: 'AGRICULTURE',
  experienceLevel: 'EXPERT',
  countries: ['Kenya'],
});

const perfect: CandidateSkills = {
  labelTypes: ['BOUNDING_BOX', 'POLYGON', 'KEYPOINT'],
  languages: ['English', 'Swahili'],
  software: ['cvat'],
  dataTypes: ['IMAGE'],
  subjectMatter: ['AGRICULTURE'],
  expertiseLevel: 'EXPERT',
  country: 'Kenya',
};

describe('matchScore', () => {
  it('is 100 for a profile covering every stated requirement', () => {
    expect(matchScore(job, perfect).score).toBe(100);
  });

  it('weights label types 30, languages 20, tools 15, data 10, subject 10, experience 10, country 5', () => {
    expect(matchScore(job, { ...perfect, labelTypes: ['BOUNDING_BOX'] }).score).toBe(85);
    expect(matchScore(job, { ...perfect, languages: ['Spanish'] }).score).toBe(80);
    expect(matchScore(job, { ...perfect, software: [] }).score).toBe(85);
    expect(matchScore(job, { ...perfect, expertiseLevel: 'INTERMEDIATE' }).score).toBe(95);
    expect(matchScore(job, { ...perfect, expertiseLevel: 'ENTRY_LEVEL' }).score).toBe(90);
    expect(matchScore(job, { ...perfect, country: 'Brazil' }).score).toBe(95);
  });

  it('only counts what the job states, and gives 50 when it states nothing', () => {
    const onlyLabels = requirementsFromFields({
      labelTypes: ['TRANSCRIPTION'],
      experienceLevel: 'ANY_EXPERIENCE_LEVEL',
    });
    expect(matchScore(onlyLabels, { ...perfect, labelTypes: ['TRANSCRIPTION'] }).score).toBe(100);
    expect(matchScore(onlyLabels, perfect).score).toBe(0);
    expect(matchScore(requirementsFromFields({}), perfect).score).toBe(50);
  });

  it('ranks a fitting profile above an unrelated one', () => {
    const unrelated: CandidateSkills = {
      labelTypes: ['TRANSCRIPTION'],
      languages: ['German'],
      software: ['Praat'],
      dataTypes: ['AUDIO'],
      subjectMatter: ['LEGAL'],
      expertiseLevel: 'ENTRY_LEVEL',
      country: 'Germany',
    };
    expect(matchScore(job, unrelated).score).toBe(0);
    expect(matchScore(job, perfect).score).toBeGreaterThan(matchScore(job, { ...unrelated, labelTypes: ['BOUNDING_BOX'] }).score);
  });
});
