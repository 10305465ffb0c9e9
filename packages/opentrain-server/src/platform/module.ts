/**
 * @module What one OpenTrain module hands the composition root (`app.ts`): its services, its
 * operation handlers, background job handlers, extra routes and start/stop hooks. A module is built
 * by its `createXModule(platform, ports)`; its migrations are exported statically (migrations.ts).
 * Handlers receive `OpenTrainContext<S>` with their own module's services, never another's.
 */
import type { AnyImplemented, AppEnv, JobHandlers } from '@platform/kit';
import type { Hono } from 'hono';
import type { AccessServices, OpenTrainContext } from './context';

export interface OpenTrainModule<S> {
  name: string;
  services: S;
  implementations: AnyImplemented<OpenTrainContext<S>>[];
  /** Handlers the app's kit worker runs (outbox jobs), keyed by job kind. */
  jobHandlers?: JobHandlers;
  /** Routes outside the operation registry: human pages, tokenless endpoints. Mounted before the Public API. */
  mount?(app: Hono<AppEnv>): void;
  /** After the app is built and migrated (e.g. make sure a job chain exists). */
  start?(): Promise<void>;
  /** On shutdown, after the worker stopped. */
  stop?(): Promise<void>;
}

/** A module of any services type (the composition root's list). */
// biome-ignore lint/suspicious/noExplicitAny: the list mixes modules of every services type.
export type AnyModule = OpenTrainModule<any>;

/** The module's handlers as the pipeline runs them: the request context plus the module's own services. */
export function bindModule<S>(module: OpenTrainModule<S>): AnyImplemented<OpenTrainContext<AccessServices>>[] {
  return module.implementations.map((impl) => ({
    contract: impl.contract,
    handler: (input: unknown, ctx: OpenTrainContext<AccessServices>) => impl.handler(input, { auth: ctx.auth, scope: ctx.scope, services: module.services }),
  }));
}
