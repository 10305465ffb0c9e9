import { defineOperation, z } from '@platform/kit';
import { CAPABILITY_NAMES, DRAFT_ENUMS, DRAFT_IMPORT_FORMATS, ROLLOUT_MODES } from '../../catalog';
import { ANY_TOKEN, featureGate } from '../../gates';
import { SCOPES } from '../../scopes';

const capabilities = z.object(Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, z.boolean()])) as Record<(typeof CAPABILITY_NAMES)[number], z.ZodBoolean>);

export default defineOperation({
  name: 'opentrain_capabilities',
  toolset: 'auth',
  method: 'GET',
  path: '/job-drafts/capabilities',
  description: 'Which tool families this token can use now (feature flags, scopes, claim) and the job-draft field catalog.',
  input: z.object({}),
  output: z.object({
    featureKey: z.literal('public_api_job_drafting'),
    namespace: z.literal('job-drafts'),
    rolloutMode: z.enum(ROLLOUT_MODES),
    actorIsAdmin: z.boolean(),
    capabilities,
    draft: z.object({
      importFormats: z.array(z.enum(DRAFT_IMPORT_FORMATS)),
      updateKeys: z.array(z.string()),
      enums: z.object({ paymentType: z.array(z.string()), experienceLevel: z.array(z.string()), dataVolumeUnit: z.array(z.string()) }),
    }),
    stepUp: z
      .object({
        missingScopes: z.array(z.enum(SCOPES)).describe('Scopes of enabled features this token lacks'),
        url: z.string().nullable().describe('Where the owner approves exactly these scopes for this token (null: nothing missing, or claim first)'),
        nextStep: z.string().nullable(),
      })
      .describe('How this token gets the scopes it lacks, without a new token'),
    authBootstrap: z.enum(['token', 'session']),
    enabled: z.boolean(),
  }),
  auth: 'required',
  scopes: [],
  gates: [ANY_TOKEN, featureGate('public_api_job_drafting')],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['capabilities'],
  summarize: (out) => {
    const on = CAPABILITY_NAMES.filter((n) => out.capabilities[n]);
    const off = CAPABILITY_NAMES.filter((n) => !out.capabilities[n]);
    return [`Enabled: ${on.join(', ') || '(none)'}.`, `Not available to this token: ${off.join(', ') || '(none)'}.`, `Draft enums: paymentType ${DRAFT_ENUMS.paymentType.join('|')}; experienceLevel ${DRAFT_ENUMS.experienceLevel.join('|')}.`, ...(out.stepUp.nextStep ? [`Missing scopes: ${out.stepUp.missingScopes.join(', ')}. ${out.stepUp.nextStep}`] : [])].join('\n');
  },
});
