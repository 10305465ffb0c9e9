/** @module The messaging domain as the app composes it: migrations, services, handlers, routes. */
import type { DomainModule } from '../domain';
import type { BaseServices } from '../services';

/** Services this domain adds to `Services` (built after the domains before it in services.ts). */
export function createMessagingServices(_deps: BaseServices) {
  return {};
}

export const messagingDomain: DomainModule = {
  name: 'messaging',
  migrations: [],
  implementations: [],
};
