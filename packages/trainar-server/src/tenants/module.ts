/** @module The tenants module: organisations (sign-up, the operator's create / disable / list). No operations or pages of its own: sign-up is the dashboard shell's, the rest the operator CLI's. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import { TenantService } from './service';

export interface TenantsServices {
  tenants: TenantService;
}

export function createTenantsModule(platform: PlatformServices): TrainArModule<TenantsServices> {
  return { name: 'tenants', services: { tenants: new TenantService(platform) }, implementations: [] };
}
