/**
 * @module prom-client's metric classes, loaded from their own files. The package index also loads
 * the push gateway and cluster aggregation (about 100 ms of a cold start); an app needs these four
 * classes, and the default process metrics only from its first scrape (`loadProcessRegistry`).
 * Plain `require` calls, so a bundle that leaves this module out (the stdio MCP server) carries no
 * prom-client chunk.
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

let processRegistry: PromClient.Registry | undefined;

/**
 * The process metrics (CPU, memory, event loop lag, GC, handles), collected once per process into a
 * registry of their own, never the global one: every app in the process shows the same process.
 */
export function loadProcessRegistry(): PromClient.Registry {
  if (!processRegistry) {
    const collectDefaultMetrics = require('prom-client/lib/defaultMetrics') as typeof PromClient.collectDefaultMetrics;
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
