/** @module What the identity module's handlers receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { AccountStatusService } from './account-status';
import type { ClaimService } from './claim-service';
import type { IdentityPorts } from './ports';
import type { RegistrationService } from './registration-service';

export type IdentityServices = PlatformServices &
  IdentityPorts & {
    registrations: RegistrationService;
    claims: ClaimService;
    accountStatus: AccountStatusService;
  };
export type IdentityContext = OpenTrainContext<IdentityServices>;
export const implementIdentity = implementer<IdentityContext>();
