export * from './app';
export type { AppServices } from './composition';
export * from './config';
export * from './main';
export * from './migrations';
export type { Actor, TrainArSettings } from './platform/deps';
