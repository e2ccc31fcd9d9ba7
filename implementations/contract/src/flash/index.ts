// The flash-sale application: its schemas, and the SQL and Redis commands both implementations run.
export * from './schemas.js';
export * from './signup.js';
export * from './products.js';
export * from './deals.js';
export * from './oversell.js';
export * from './orders.js';
