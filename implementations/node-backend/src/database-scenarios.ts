// The database scenarios 09-13, 18 and 19: their schemas, types and the SQL both implementations run.
export * from './scenarios/pagination.js';
export * from './scenarios/columns.js';
export * from './scenarios/n-plus-one.js';
export * from './scenarios/bulk.js';
export * from './scenarios/stock.js';
export * from './scenarios/aggregation.js';
export * from './scenarios/search.js';
