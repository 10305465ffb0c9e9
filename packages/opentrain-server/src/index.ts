export * from './app';
export * from './config';
export * from './platform/context';
export * from './platform/limits';
export * from './main';
export * from './migrations';
export * from './services';
