/** @module What every dashboard page is mounted with: the shell (cookie sessions, rate limits, who is signed in) plus its own module's services. */
import type { RateLimiter, SessionStore } from '@platform/kit';
import type { TrainArDb } from './db';

export interface DashboardShell {
  sessions: SessionStore;
  limiter: RateLimiter;
  /** True when mail goes to the sandbox outbox (pages link to /dev/mail). */
  sandboxMail: boolean;
  /** Reads the signed-in user with their tenant (platform/session.ts). */
  db: TrainArDb;
  /** Records the signed-in user's activity (users own `last_active_at`). */
  touchUser(userId: string): Promise<void>;
}

/** A module's pages: the shell plus that module's services, never another module's. */
export interface PageDeps<S> extends DashboardShell {
  services: S;
}
