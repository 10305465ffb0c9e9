/**
 * @module The provider registry: ServiceM8 (always listed; connectable once its client is
 * configured) and every generic provider the operator configured. `list_integrations` reads it.
 */
import type { IntegrationProvider } from '@trainar/api';
import { genericAdapter, type GenericProviderConfig } from './generic';
import { type ServiceM8Config, serviceM8Adapter } from './servicem8';
import type { ProviderAdapter } from './types';

export interface ProviderSettings {
  servicem8?: ServiceM8Config;
  generic?: GenericProviderConfig[];
}

export class ProviderRegistry {
  private readonly byKey = new Map<string, ProviderAdapter>();

  constructor(settings: ProviderSettings = {}) {
    for (const adapter of [serviceM8Adapter(settings.servicem8 ?? {}), ...(settings.generic ?? []).map(genericAdapter)]) {
      if (this.byKey.has(adapter.info.key)) throw new Error(`Integration provider key ${adapter.info.key} is used twice; keys must be unique`);
      this.byKey.set(adapter.info.key, adapter);
    }
  }

  list(): IntegrationProvider[] {
    return [...this.byKey.values()].map((a) => ({ ...a.info, configured: a.oauth !== null }));
  }

  get(key: string): ProviderAdapter | undefined {
    return this.byKey.get(key);
  }
}
