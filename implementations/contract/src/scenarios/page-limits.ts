// Query-string pieces the database scenarios share.

/** The most rows a page of any database scenario holds. */
export const maxPageLimit = 100;

/** The deepest page a scenario serves: deep enough for any seeded table, small enough for safe integers. */
export const maxPage = 1_000_000;

/** `limit`: rows per page, 1 to 100, 20 when not given. */
export const limitProperty = { type: 'integer', minimum: 1, maximum: maxPageLimit, default: 20 } as const;

/** `page`: 1-based page number, 1 when not given. */
export const pageProperty = { type: 'integer', minimum: 1, maximum: maxPage, default: 1 } as const;

/** The largest id of an `integer` (int4) key column. */
export const maxInt4 = 2_147_483_647;
