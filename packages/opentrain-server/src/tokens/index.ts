/** @module The tokens module's public surface. */
export type { TokensServices } from './context';
export { createTokensModule } from './module';
export { tokenMigrations, type TokenOrigin, type TokenTables } from './schema';
export { type MintInput, type TokenRow, TokensService } from './tokens-service';
