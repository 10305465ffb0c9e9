export * from './app';
export * from './config';
export * from './context';
export * from './limits';
export * from './main';
export * from './migrations';
export * from './services';
