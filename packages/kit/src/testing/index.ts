/** @module Test helpers: real databases, never mocks. */
export * from './test-database';
