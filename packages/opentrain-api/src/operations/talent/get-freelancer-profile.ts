import { defineOperation, z } from '@platform/kit';
import { freelancerSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_get_freelancer_profile',
  toolset: 'proposals',
  method: 'GET',
  path: '/freelancers/{idOrSlug}',
  description: "Get an AI trainer's masked public profile by id or slug: skills, label experience, languages, stats, reviews, rate.",
  input: z.object({
    idOrSlug: z.string().min(1).max(120).describe('Freelancer id (candidate.id) or profile slug (candidate.profileSlug)'),
  }),
  output: z.object({ freelancer: freelancerSchema }),
  auth: 'required',
  scopes: ['proposals:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['freelancers', 'get'],
  summarize: (out) => {
    const f = out.freelancer;
    return [
      `${f.displayName}${f.title ? `, ${f.title}` : ''} (${f.country ?? 'country unknown'})${f.sandbox ? ' [sandbox]' : ''}.`,
      `${f.expertiseLevel}, ${f.hourlyRateUsd ?? '-'} USD/h, ${f.availability}. Label types: ${f.skills.labelTypes.join(', ') || '-'}. Tools: ${f.skills.software.join(', ') || '-'}.`,
      `Languages: ${f.languages.map((l) => `${l.language} (${l.proficiency})`).join(', ') || '-'}. ${f.stats.reviewCount} review(s), rating ${f.stats.averageRating ?? '-'}.`,
    ].join('\n');
  },
});
