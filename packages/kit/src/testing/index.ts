/** @module Test helpers: real databases, never mocks. */

export * from './control-character-probes';
export * from './form-client-from-ip';
export * from './query-counter';
export * from './registry-checks';
export * from './test-database';
export * from './tool-snapshots';
export * from './mcp-clients';
export * from './hostile-summaries';
