/**
 * @module What one TrainAR module hands the composition root (composition.ts): its services, its
 * operation handlers, background job handlers, dashboard pages, plain HTTP routes and stop hook. A
 * module is built by its `createXModule(platform, ports)`; its migrations are exported statically (migrations.ts).
 * Handlers receive `TrainArContext<S>` with their own module's services, never another's.
 */
import type { AnyImplemented, AppEnv, JobHandlers, RateLimiter } from '@platform/kit';
import type { Hono } from 'hono';
import type { RequestContext, TrainArContext } from './context';
import type { DashboardShell } from './web-ui';

export interface TrainArModule<S> {
  name: string;
  services: S;
  implementations: AnyImplemented<TrainArContext<S>>[];
  /** Handlers the app's kit worker runs, keyed by job kind (`<module>.<job>`). */
  jobHandlers?: JobHandlers;
  /** The module's dashboard pages, mounted with the shell (session, CSRF-checked forms, chrome). */
  mountPages?(app: Hono<AppEnv>, shell: DashboardShell): void;
  /** Plain HTTP routes outside the operation registry (the device API under /v1/device/), mounted after the operations. */
  mountRoutes?(app: Hono<AppEnv>, limiter: RateLimiter): void;
  /** At start-up, after the migrations and before the worker starts (e.g. resealing secrets after a key rotation). */
  start?(): Promise<void>;
  /** On shutdown, after the worker stopped. */
  stop?(): Promise<void>;
}

/** A module of any services type (the composition root's list). */
// biome-ignore lint/suspicious/noExplicitAny: the list mixes modules of every services type.
export type AnyModule = TrainArModule<any>;

/** The module's handlers as the operation server runs them: the request context plus the module's own services. */
export function bindModule<S>(module: TrainArModule<S>): AnyImplemented<RequestContext>[] {
  return module.implementations.map((impl) => ({
    contract: impl.contract,
    handler: (input: unknown, ctx: RequestContext) => impl.handler(input, { ...ctx, services: module.services }),
  }));
}
