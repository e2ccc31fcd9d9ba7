// Limits of the common API that are not about JSON bodies (those are in errors.ts).

/** The largest file POST /upload accepts by default (UPLOAD_LIMIT_BYTES overrides it): 32 MiB. */
export const defaultUploadLimitBytes = 32 * 1024 * 1024;

/**
 * The most parts (files and fields) a POST /upload body may have. It is @fastify/multipart's
 * default, fixed here so that every implementation stops at the same count.
 */
export const uploadPartsLimit = 1000;
