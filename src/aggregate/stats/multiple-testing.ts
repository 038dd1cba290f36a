/**
 * Adjusted p-values for many tests at once, as R's p.adjust computes them.
 * Missing p-values (null) stay missing and do not count as tests.
 */

function present(pValues: readonly (number | null)[]): number[] {
  return pValues.flatMap((p, index) => (p === null || Number.isNaN(p) ? [] : [index]));
}

/** Benjamini–Hochberg: controls the false discovery rate. p.adjust(p, "BH"). */
export function benjaminiHochberg(pValues: readonly (number | null)[]): Array<number | null> {
  const indexes = present(pValues).sort((a, b) => pValues[b]! - pValues[a]!);
  const n = indexes.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  let running = Infinity;
  indexes.forEach((index, position) => {
    const rank = n - position;
    running = Math.min(running, (n / rank) * pValues[index]!);
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}

/** Holm's step-down: controls the family-wise error rate. p.adjust(p, "holm"). */
export function holm(pValues: readonly (number | null)[]): Array<number | null> {
  const indexes = present(pValues).sort((a, b) => pValues[a]! - pValues[b]!);
  const n = indexes.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  let running = 0;
  indexes.forEach((index, position) => {
    running = Math.max(running, (n - position) * pValues[index]!);
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}
