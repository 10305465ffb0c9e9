export * from './agent-auth';
export * from './credentials';
