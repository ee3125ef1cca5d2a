export * from './ids';
export * from './elements';
export * from './models';
export * from './media';
export * from './contacts';
