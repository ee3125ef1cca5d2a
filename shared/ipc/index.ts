export * from './channels';
export * from './contract';
export * from './result';
export * from './contacts';
export * from './groups';
export * from './calls';
