/**
 * @module prom-client's metric classes, loaded from their own files. The package index also loads
 * the push gateway, cluster aggregation and the default process metrics (about 100 ms of a cold
 * start); an app needs only these four classes until its first scrape, when `loadDefaultMetrics`
 * brings in the rest.
 */
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

const require = createRequire(import.meta.url);

export const Registry = require('prom-client/lib/registry') as typeof PromClient.Registry;
export const Counter = require('prom-client/lib/counter') as typeof PromClient.Counter;
export const Gauge = require('prom-client/lib/gauge') as typeof PromClient.Gauge;
export const Histogram = require('prom-client/lib/histogram') as typeof PromClient.Histogram;
export type Registry = PromClient.Registry;
export type Counter<L extends string> = PromClient.Counter<L>;
export type Gauge<L extends string> = PromClient.Gauge<L>;
export type Histogram<L extends string> = PromClient.Histogram<L>;

let processRegistry: Promise<PromClient.Registry> | undefined;

/**
 * The process metrics (CPU, memory, event loop lag, GC, handles), collected once per process into a
 * registry of their own, never the global one: every app in the process shows the same process.
 */
export function loadProcessRegistry(): Promise<PromClient.Registry> {
  processRegistry ??= import('prom-client').then((prom) => {
    const registry = new prom.Registry();
    prom.collectDefaultMetrics({ register: registry });
    return registry;
  });
  return processRegistry;
}
