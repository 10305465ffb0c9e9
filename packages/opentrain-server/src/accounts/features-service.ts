/**
 * @module Per-account feature flags. Each flag has a rollout mode (ALL: on unless an account
 * override turns it off; ALLOWLIST: off unless an override turns it on; OFF: off for everyone).
 * All flags default to ALL, so later features can gate on them without changing behaviour today.
 */
import { FEATURE_KEYS, type FeatureKey, type RolloutMode } from '@opentrain/api';
import type { Clock } from '@platform/kit';
import { sql } from 'kysely';
import type { FeatureState } from '../platform/context';
import type { OtDb } from '../platform/db';

export type { FeatureState } from '../platform/context';

export interface FeatureRow {
  key: string;
  mode: RolloutMode;
  /** The account's override, null when it follows the rollout mode. */
  override: boolean | null;
}

/** The states of every known flag from its rollout mode and the account's override (unknown flags: OFF). */
export function resolveFeatureStates(rows: FeatureRow[]): Record<FeatureKey, FeatureState> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out = {} as Record<FeatureKey, FeatureState>;
  for (const key of FEATURE_KEYS) {
    const row = byKey.get(key);
    const mode = row?.mode ?? 'OFF';
    out[key] = { mode, enabled: mode === 'OFF' ? false : (row?.override ?? mode === 'ALL') };
  }
  return out;
}

/**
 * The account's flag rows as one jsonb array, for a query that resolves the caller anyway (the token
 * lookup): feature gates then cost no query of their own.
 */
export const featureRowsJson = (organizationIdRef: string) =>
  sql<FeatureRow[]>`(select coalesce(jsonb_agg(jsonb_build_object('key', f.key, 'mode', f.rollout_mode, 'override', ofe.enabled)), '[]'::jsonb)
    from ot_feature_flags f left join ot_organization_features ofe on ofe.feature_key = f.key and ofe.organization_id = ${sql.ref(organizationIdRef)})`;

export class FeaturesService {
  constructor(
    private readonly db: OtDb,
    private readonly clock: Clock,
  ) {}

  async state(organizationId: string | null, key: string): Promise<FeatureState> {
    const all = await this.all(organizationId);
    return all[key as FeatureKey] ?? { enabled: false, mode: 'OFF' };
  }

  /** Every flag's state for an account (null: no account, rollout modes only), in one query. */
  async all(organizationId: string | null): Promise<Record<FeatureKey, FeatureState>> {
    const rows = await this.db
      .selectFrom('ot_feature_flags as f')
      .leftJoin('ot_organization_features as ofe', (join) => join.onRef('ofe.feature_key', '=', 'f.key').on('ofe.organization_id', '=', organizationId ?? ''))
      .select(['f.key', 'f.rollout_mode', 'ofe.enabled'])
      .execute();
    return resolveFeatureStates(rows.map((r) => ({ key: r.key, mode: r.rollout_mode as RolloutMode, override: r.enabled })));
  }

  async setMode(key: FeatureKey, mode: RolloutMode): Promise<void> {
    await this.db.updateTable('ot_feature_flags').set({ rollout_mode: mode, updated_at: this.clock.now() }).where('key', '=', key).execute();
  }

  /** Account override: true/false, or null to follow the rollout mode again. */
  async setForOrganization(organizationId: string, key: FeatureKey, enabled: boolean | null): Promise<void> {
    if (enabled === null) {
      await this.db.deleteFrom('ot_organization_features').where('organization_id', '=', organizationId).where('feature_key', '=', key).execute();
      return;
    }
    await this.db
      .insertInto('ot_organization_features')
      .values({ organization_id: organizationId, feature_key: key, enabled })
      .onConflict((oc) => oc.columns(['organization_id', 'feature_key']).doUpdateSet({ enabled }))
      .execute();
  }
}
