/** @module The account module's public surface: what other modules and the composition root may import. */
export type { AccountServices } from './context';
export { canonicalTimezone } from './locale';
export { createAccountModule } from './module';
export type { AccountService } from './service';
