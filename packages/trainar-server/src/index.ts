export * from './app';
export * from './config';
export * from './main';
export * from './migrations';
export * from './services';
export type { Actor, TrainArSettings } from './deps';
