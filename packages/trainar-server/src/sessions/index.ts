/** @module The sessions module's public surface: what other modules and the composition root may import. */
export type { SessionsServices } from './context';
export { sessionMigrations } from './migrations';
export { createSessionsModule } from './module';
export type { SessionDevices, SessionMinutes, SessionsPorts, SessionTasks } from './ports';
export { HEARTBEAT_INTERVAL_SECONDS, SESSION_SILENCE_TIMEOUT_SECONDS, type SessionService } from './service';
export { sessionTasksFrom } from './task-link';
