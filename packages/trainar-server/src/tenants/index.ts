/** @module The tenants module's public surface: what other modules and the composition root may import. */
export { tenantMigrations } from './migrations';
export { createTenantsModule, type TenantsServices } from './module';
export type { TenantService } from './service';
