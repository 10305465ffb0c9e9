/** @module The accounts module's public surface: what other modules and the composition root may import. */
export { type AccountsServices, createAccountsModule } from './module';
export { accountMigrations, type AccountTables } from './schema';
export { type FeatureRow, FeaturesService, featureRowsJson, resolveFeatureStates } from './features-service';
export { type OrganizationRow, OrganizationsService } from './organizations-service';
export { displayName, emailSchema, normalizeEmail, type UserRow, UsersService } from './users-service';
export { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords';
