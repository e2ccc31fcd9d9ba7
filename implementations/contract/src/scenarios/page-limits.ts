// Query-string pieces the database scenarios share, from openapi.yaml (PageLimit, PageNumber).
import { PageLimit, PageNumber } from '../generated/openapi-schemas.js';

/** `limit`: rows per page, 1 to 100, 20 when not given. */
export const limitProperty = PageLimit;

/** `page`: 1-based page number, 1 when not given. */
export const pageProperty = PageNumber;

/** The most rows a page of any database scenario holds. */
export const maxPageLimit = PageLimit.maximum;

/** The deepest page a scenario serves: deep enough for any seeded table, small enough for safe integers. */
export const maxPage = PageNumber.maximum;

/** The largest id of an `integer` (int4) key column. */
export const maxInt4 = 2_147_483_647;
