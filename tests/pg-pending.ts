// Test files that do not yet pass on PostgreSQL, each with what stops it (issue 14 is open
// until this list is empty). `npm run test:pg` leaves them out and says how many it left
// out; `PG_PENDING=run npm run test:pg` runs them too.
export const PG_PENDING: Record<string, string> = {
  "app/domain/aid/integrity-recompute.test.ts":
    "the large-quantity rule flags one line fewer on PostgreSQL than its recomputation for 2026-11-01 (the median's ties or rounding; not yet found)",
};
