/** @module The app's limits, re-exported at the package root (config, tests); defined in the platform layer. */
export * from './platform/limits';
