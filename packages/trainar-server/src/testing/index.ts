/** @module TrainAR test helpers (harness, per-operation cases) for this package's tests. */
export * from './harness';
export * from './operation-cases';
export * from './web-client';
export * from './devices';
export * from './events';
export * from './tenant-target';
