import type { ProtectedQuery, ProtectedResponse } from '@lab/contract';

/** GET /protected's answer: a deterministic page of items, numbered across pages from 1. */
export function protectedPage(userId: number, { page, pageSize }: ProtectedQuery): ProtectedResponse {
  const firstId = (page - 1) * pageSize + 1;
  const items = Array.from({ length: pageSize }, (_, index) => {
    const id = firstId + index;
    return { id, title: `Item ${id} of user ${userId}` };
  });
  return { userId, page, pageSize, items };
}
