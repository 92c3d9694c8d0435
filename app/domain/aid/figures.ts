// Small rules about aid figures that pages draw. Plain (no .server imports): the browser
// bundle uses them too.

export interface AidAndOther {
  aidFen: number;
  otherFen: number;
}

/** The aid and non-aid sums of some rows (a breakdown's total line, a year's trend). */
export function sumFigures(rows: ReadonlyArray<AidAndOther>): AidAndOther {
  return rows.reduce(
    (sum, row) => ({ aidFen: sum.aidFen + row.aidFen, otherFen: sum.otherFen + row.otherFen }),
    {
      aidFen: 0,
      otherFen: 0,
    },
  );
}

/**
 * A target's progress bar: how much of it to fill (0–100, a refund-heavy year stays at 0)
 * and whether the target has been passed.
 */
export function targetBar(percent: number | null): { fill: number; over: boolean } {
  const value = percent ?? 0;
  return { fill: Math.min(Math.max(value, 0), 100), over: value > 100 };
}
