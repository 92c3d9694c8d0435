/**
 * Units sold as a product page shows them, like Taobao's 已售 100+: exact under ten, then
 * the highest step reached. Public pages are cached until what they show changes, and
 * migration 20261202T0100 bumps the catalogue only when this bucket changes, so a sale that
 * takes a product from 57 to 58 sold leaves every cached page as it was.
 */
export const SOLD_STEPS = [10, 50, 100, 500, 1000] as const;

/** The number a page may show: the exact count under 10, else the highest step reached. */
export function soldBucket(unitsSold: number): number {
  const n = Math.max(0, Math.floor(unitsSold));
  let shown = n;
  for (const step of SOLD_STEPS) if (n >= step) shown = step;
  return shown;
}

/** Whether a bucket is a step ("100+") rather than an exact count. */
export function isSoldStep(bucket: number): boolean {
  return bucket >= SOLD_STEPS[0];
}

/** The same bucket in SQL, for the page-version trigger (kept equal by a test). */
export function soldBucketSql(column: string): string {
  const steps = [...SOLD_STEPS].reverse();
  const whens = steps.map((s) => `when ${column} >= ${s} then ${s}`).join(" ");
  return `(case ${whens} when ${column} < 0 then 0 else ${column} end)`;
}
