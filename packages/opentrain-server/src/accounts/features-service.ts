/**
 * @module Per-account feature flags. Each flag has a rollout mode (ALL: on unless an account
 * override turns it off; ALLOWLIST: off unless an override turns it on; OFF: off for everyone).
 * All flags default to ALL, so later features can gate on them without changing behaviour today.
 */
import { FEATURE_KEYS, type FeatureKey, type RolloutMode } from '@opentrain/api';
import type { Clock } from '@platform/kit';
import type { OtDb } from '../db';

export interface FeatureState {
  enabled: boolean;
  mode: RolloutMode;
}

export class FeaturesService {
  constructor(
    private readonly db: OtDb,
    private readonly clock: Clock,
  ) {}

  async state(organizationId: string | null, key: string): Promise<FeatureState> {
    const all = await this.all(organizationId);
    return all[key as FeatureKey] ?? { enabled: false, mode: 'OFF' };
  }

  async all(organizationId: string | null): Promise<Record<FeatureKey, FeatureState>> {
    const flags = await this.db.selectFrom('ot_feature_flags').select(['key', 'rollout_mode']).execute();
    const overrides = organizationId
      ? await this.db.selectFrom('ot_organization_features').select(['feature_key', 'enabled']).where('organization_id', '=', organizationId).execute()
      : [];
    const override = new Map(overrides.map((o) => [o.feature_key, o.enabled]));
    const out = {} as Record<FeatureKey, FeatureState>;
    for (const key of FEATURE_KEYS) {
      const mode = (flags.find((f) => f.key === key)?.rollout_mode ?? 'OFF') as RolloutMode;
      const own = override.get(key);
      out[key] = { mode, enabled: mode === 'OFF' ? false : (own ?? mode === 'ALL') };
    }
    return out;
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
