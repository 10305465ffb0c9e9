/** @module Test helpers: real databases, never mocks. */

export * from './authorization-matrix';
export * from './authorization-matrix-calls';
export * from './control-character-probes';
export * from './form-client-from-ip';
export * from './hostile-summaries';
export * from './mcp-clients';
export * from './page-checks';
export * from './query-counter';
export * from './registry-checks';
export * from './test-database';
export * from './tool-snapshots';
export * from './webhook-receiver';
export * from './chromium';
export * from './stripe-peer';
export * from '../metrics/scrape';
export * from './fuzz';
export * from './fuzz-http';
export * from './fuzz-state';
export * from './fuzz-mcp';
export * from './spawn-bundle';
export * from './jobs-settled';
