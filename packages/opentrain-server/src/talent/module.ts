/** @module The talent domain as the app composes it: migrations, services, handlers, routes. */
import type { DomainModule } from '../domain';
import type { BaseServices } from '../services';

/** Services this domain adds to `Services` (built after the domains before it in services.ts). */
export function createTalentServices(_deps: BaseServices) {
  return {};
}

export const talentDomain: DomainModule = {
  name: 'talent',
  migrations: [],
  implementations: [],
};
