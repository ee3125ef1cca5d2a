export * from './ids';
export * from './elements';
export * from './models';
export * from './media';
export * from './contacts';
export * from './groups';
export * from './groupPermissions';
export * from './groupMessages';
