import { errorResponseSchema } from '@lab/contract';

// A failed query throws: the error handler answers an HttpError (404, 409) as it is, and a
// database failure as a 500.
export const errorResponses = { '4xx': errorResponseSchema, '5xx': errorResponseSchema } as const;
