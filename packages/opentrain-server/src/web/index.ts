/** @module The web module's public surface. */
export type { WebServices } from './context';
export { createWebModule } from './module';
export type { WebPorts } from './ports';
export { webMigrations, type WebTables } from './schema';
export { signInThrottled } from './sign-in-limits';
export { MagicLinksService } from './magic-links-service';
