export * from './events';
export * from './payloads';
export * from './version';
export * from './http';
export * from './groups';
export * from './calls';
