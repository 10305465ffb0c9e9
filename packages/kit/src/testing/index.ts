/** @module Test helpers: real databases, never mocks. */
export * from './test-database';
export * from './registry-checks';
export * from './tool-snapshots';
export * from './control-character-probes';
export * from './form-client-from-ip';
