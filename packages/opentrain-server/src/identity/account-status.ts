/** @module What `GET /auth/me` and `GET /job-drafts/capabilities` report about the caller. */
import { DRAFT_ENUMS, DRAFT_IMPORT_FORMATS, DRAFT_UPDATE_KEYS, type CapabilityName, type FeatureKey, type Scope, opentrainHasScope } from '@opentrain/api';
import { notFound } from '@platform/kit';
import type { OpenTrainAuth } from '../platform/context';
import { iso, type OtDb } from '../platform/db';
import { claimHelpUrl } from '../platform/gates';
import { displayName, type FeaturesService } from '../accounts';
import { RETRY_AFTER_APPROVAL, type StepUpService } from '../step-up';

/** The scope each feature's tools need (capabilities list what an enabled feature still lacks). */
const CAPABILITY_SCOPES: [FeatureKey, Scope][] = [
  ['public_api_job_drafting', 'jobs:write'],
  ['public_api_job_publishing', 'jobs:write'],
  ['public_api_hiring', 'proposals:write'],
  ['public_api_messaging_writes', 'messages:write'],
  ['public_api_team', 'team:read'],
  ['public_api_payments_write', 'payments:write'],
  ['public_api_credits', 'payments:read'],
  ['public_api_webhooks', 'webhooks:manage'],
];

export class AccountStatusService {
  constructor(
    private readonly db: OtDb,
    private readonly features: FeaturesService,
    private readonly publicUrl: () => string,
    private readonly stepUp: StepUpService,
  ) {}

  /** Missing scopes and how to get them: the claim first, then the owner's approval page. */
  private async stepUpFor(auth: OpenTrainAuth, missingScopes: Scope[]) {
    if (missingScopes.length === 0) return { missingScopes, url: null, nextStep: null };
    if (!auth.claimed) {
      return { missingScopes, url: null, nextStep: 'Claim the account first (opentrain_claim_account); scopes still missing after the claim get an owner approval link.' };
    }
    const offer = await this.stepUp.offer(auth, missingScopes);
    if (!offer) return { missingScopes, url: null, nextStep: 'The owner mints a token with these scopes on /account.' };
    return { missingScopes, url: offer.stepUpUrl, nextStep: `Ask the account owner to open ${offer.stepUpUrl} and approve ${missingScopes.join(', ')} for this token, then ${RETRY_AFTER_APPROVAL}.` };
  }

  async authStatus(auth: OpenTrainAuth) {
    // One query: the organization, its agent registration, the acting user and their membership.
    const org = await this.db
      .selectFrom('ot_organizations as o')
      .leftJoin('ot_agent_registrations as r', 'r.organization_id', 'o.id')
      .leftJoin('ot_users as u', (join) => join.on('u.id', '=', auth.userId ?? ''))
      .leftJoin('ot_organization_members as m', (join) => join.onRef('m.organization_id', '=', 'o.id').onRef('m.user_id', '=', 'u.id'))
      .select(['o.id', 'o.name', 'o.owner_user_id', 'o.claimed_at', 'r.agent_name', 'm.role'])
      .select(['u.id as user_id', 'u.email', 'u.first_name', 'u.last_name'])
      .where('o.id', '=', auth.organizationId)
      .executeTakeFirstOrThrow();
    const user = org.user_id !== null ? { id: org.user_id, email: org.email as string, first_name: org.first_name, last_name: org.last_name } : undefined;
    if (auth.userId && !user) throw notFound('The user this token acts for no longer exists.', { resource: 'users', userId: auth.userId });
    const role = user ? (org.role ?? 'MEMBER') : 'OWNER';
    const claimed = org.claimed_at !== null;
    return {
      actor: {
        userId: user?.id ?? null,
        email: user?.email ?? null,
        firstName: user?.first_name ?? null,
        lastName: user?.last_name ?? null,
        fullName: user ? displayName(user) : null,
        userType: 'EMPLOYER' as const,
        agentName: org.agent_name ?? null,
      },
      token: { id: auth.tokenId, label: auth.tokenName, scopes: auth.scopes, ownerOrganizationId: org.id, expiresAt: iso(auth.expiresAt) },
      account: {
        kind: 'employer_organization' as const,
        organizationId: org.id,
        organizationName: org.name,
        ownerUserId: org.owner_user_id,
        memberRole: role,
        claimed,
        claimedAt: iso(org.claimed_at),
        claimUrl: claimed ? null : claimHelpUrl(this.publicUrl()),
      },
    };
  }

  /**
   * Each capability is true when its feature is on for the account AND this token could use it now
   * (scope, and a claimed account for hiring, message writes and payments).
   */
  async capabilities(auth: OpenTrainAuth) {
    const f = auth.features ?? (await this.features.all(auth.organizationId));
    const has = (scope: string) => opentrainHasScope(auth.scopes, scope);
    const drafting = f.public_api_job_drafting.enabled;
    const wanted = CAPABILITY_SCOPES.filter(([feature, scope]) => f[feature].enabled && !has(scope)).map(([, scope]) => scope);
    const stepUp = await this.stepUpFor(auth, [...new Set(wanted)].sort());
    const capabilities: Record<CapabilityName, boolean> = {
      draftImport: drafting && has('jobs:write'),
      draftCreate: drafting && has('jobs:write'),
      draftUpdate: drafting && has('jobs:write'),
      draftUrlRead: drafting && has('jobs:read'),
      publish: f.public_api_job_publishing.enabled && has('jobs:write'),
      hiring: f.public_api_hiring.enabled && has('proposals:write') && auth.claimed,
      messagingWrites: f.public_api_messaging_writes.enabled && has('messages:write') && auth.claimed,
      team: f.public_api_team.enabled && has('team:read'),
      paymentsWrite: f.public_api_payments_write.enabled && has('payments:write') && auth.claimed,
      credits: f.public_api_credits.enabled && has('payments:read'),
      webhooks: f.public_api_webhooks.enabled && has('webhooks:manage'),
    };
    return {
      featureKey: 'public_api_job_drafting' as const,
      namespace: 'job-drafts' as const,
      rolloutMode: f.public_api_job_drafting.mode,
      actorIsAdmin: false,
      capabilities,
      draft: {
        importFormats: [...DRAFT_IMPORT_FORMATS],
        updateKeys: [...DRAFT_UPDATE_KEYS],
        enums: { paymentType: [...DRAFT_ENUMS.paymentType], experienceLevel: [...DRAFT_ENUMS.experienceLevel], dataVolumeUnit: [...DRAFT_ENUMS.dataVolumeUnit] },
      },
      stepUp,
      authBootstrap: 'token' as const,
      enabled: true,
    };
  }
}
