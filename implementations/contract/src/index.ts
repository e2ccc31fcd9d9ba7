export * from './schemas.js';
export type * from './types.js';
export * from './errors.js';
export * from './validation.js';
export * from './listen-options.js';
