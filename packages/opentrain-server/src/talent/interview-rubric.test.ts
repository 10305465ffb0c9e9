/** AI interview: questions come from the job's requirements; the rubric is deterministic and rewards covering them. */
import { describe, expect, it } from 'vitest';
import { planInterview, scoreAnswer, scoreInterview, statedYears } from './interview-rubric';
import { requirementsFromFields } from './matching';

const job = requirementsFromFields({
  labelTypes: ['BOUNDING_BOX', 'SEGMENTATION'],
  languages: ['Spanish'],
  labelingSoftware: ['CVAT', 'Label Studio'],
  dataType: 'IMAGE',
  subjectMatter: 'MEDICAL',
  experienceLevel: 'EXPERT',
});

const QUALITY = 'I always follow the labelling guidelines carefully, ask about edge cases, and review my own work before submitting each batch so quality stays consistently high.';

describe('planInterview', () => {
  it('asks about every stated requirement, then experience', () => {
    const plan = planInterview(job, 'Tumour segmentation');
    expect(plan.map((q) => q.key)).toEqual(['overview', 'label_types', 'tools', 'languages', 'domain', 'experience']);
    expect(plan[0].question).toContain('Tumour segmentation');
    expect(plan[1].question).toContain('bounding box and segmentation');
    expect(plan[2].expected).toEqual(['tool:CVAT', 'tool:Label Studio']);
    expect(plan[4].question).toContain('medical and image data');
    expect(plan[5].minYears).toBe(3);
  });

  it('keeps to overview and experience when the job states nothing', () => {
    expect(planInterview(requirementsFromFields({}), null).map((q) => q.key)).toEqual(['overview', 'experience']);
  });
});

describe('scoring', () => {
  const plan = planInterview(job, 'Tumour segmentation');

  it('reads years of experience', () => {
    expect(statedYears('about 4 years, maybe 5 yrs')).toBe(5);
    expect(statedYears('a long time')).toBeNull();
  });

  it('scores coverage (75%) and substance (25%) per answer', () => {
    const tools = plan.find((q) => q.key === 'tools');
    if (!tools) throw new Error('no tools question');
    expect(scoreAnswer(tools, 'CVAT').score).toBeCloseTo(0.75 * 0.5 + 0.25 * (1 / 25));
    expect(scoreAnswer(tools, `I used cvat and label-studio daily. ${QUALITY}`).score).toBe(1);
    expect(scoreAnswer(tools, '').score).toBe(0);
  });

  it('gives a strong candidate a high score and a weak one a low score, the same every time', () => {
    const strong = {
      overview: `I drew bounding boxes and segmentation masks on medical images for a radiology startup. ${QUALITY}`,
      label_types: `Both: bounding boxes on 30,000 images and segmentation masks on 5,000 scans. ${QUALITY}`,
      tools: `CVAT for two years and Label Studio for one project. ${QUALITY}`,
      languages: `Spanish is my native language and I work in English too. ${QUALITY}`,
      domain: `Three years of medical image annotation for hospitals. ${QUALITY}`,
      experience: `I have 6 years of labelling experience. ${QUALITY}`,
    };
    const weak = { overview: 'I did some tagging.', experience: 'not much' };
    const a = scoreInterview(plan, strong);
    const b = scoreInterview(plan, weak);
    expect(a.score).toBe(100);
    expect(b.score).toBeLessThan(15);
    expect(scoreInterview(plan, strong)).toEqual(a);
    expect(a.summary).toContain('Covered 7 of 7 job requirements');
    expect(b.summary).toContain('Did not mention');
    expect(b.summary).toContain('Did not state years of experience');
  });
});
