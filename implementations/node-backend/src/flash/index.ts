// The flash-sale application (its schemas are the contract's): the SQL and Redis commands both implementations run.
export * from './signup.js';
export * from './products.js';
export * from './deals.js';
export * from './oversell.js';
export * from './orders.js';
