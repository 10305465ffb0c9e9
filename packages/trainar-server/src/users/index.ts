/** @module The users module's public surface: what other modules and the composition root may import. */
export type { UsersServices } from './context';
export { findInvitation, type IssuedInvitation, issueInvitation, sendInvitationMail } from './invitations';
export { userMigrations } from './migrations';
export { createUsersModule } from './module';
export { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem } from './passwords';
export { presentUser, type UserRow } from './present';
export { normalizeEmail, type UserService } from './service';
