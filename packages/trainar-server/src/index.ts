export * from './app';
export * from './config';
export * from './main';
export * from './migrations';
