/**
 * @module The identity module: agent registration and claims (the agent-auth endpoints, mounted by
 * the composition root) and what `GET /auth/me` and capabilities report.
 */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import { accountOperations } from './account-operations';
import { AccountStatusService } from './account-status';
import { ClaimService } from './claim-service';
import type { IdentityServices } from './context';
import type { IdentityOptions, IdentityPorts } from './ports';
import { RegistrationService } from './registration-service';

export function createIdentityModule(platform: PlatformServices, ports: IdentityPorts, options: IdentityOptions): OpenTrainModule<IdentityServices> {
  const { db, clock, publicUrl } = platform;
  const { anonymousRegistration } = options;
  const registrations = new RegistrationService({ db, clock, organizations: ports.organizations, tokens: ports.tokens, publicUrl, anonymousRegistration });
  const claims = new ClaimService({ ...platform, ...ports, registrations, anonymousRegistration });
  const accountStatus = new AccountStatusService(db, ports.features, publicUrl, ports.stepUp);
  const services = { ...platform, ...ports, registrations, claims, accountStatus };
  return { name: 'identity', services, implementations: accountOperations };
}
