// The common API's contract: its schemas (generated from ../openapi.yaml), the types derived from
// them, the error shape and messages, the limits and the request validation. The logic the Node
// implementations share lives in @lab/node-backend.
export * from './schemas.js';
export type * from './types.js';
export * from './errors.js';
export * from './limits.js';
export * from './validation.js';
export * from './scenarios/auth-schemas.js';
export * from './scenarios/page-limits.js';
export * from './flash/schemas.js';
