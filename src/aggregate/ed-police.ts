/**
 * ED beside police by area: both counts, the ED:police ratio with an exact
 * confidence interval, and "hidden violence" — areas where the ED's share of
 * the two counts is significantly above the share across the whole area.
 *
 * For an area with e ED attendances and c police crimes, n = e + c. Given n,
 * e is Binomial(n, π) where π = ratio / (1 + ratio) (the conditional method
 * for a ratio of two Poisson counts), so the ratio's interval is the
 * Clopper–Pearson interval for π, mapped by π / (1 − π). The test of an area
 * is one-sided exact binomial: P(X ≥ e | n, π₀) with π₀ = ΣE / (ΣE + ΣC) over
 * every area compared; p-values are adjusted across areas by
 * Benjamini–Hochberg and an area is "hidden violence" when the adjusted p is
 * at most 0.05.
 */
import { binomialUpperTail, clopperPearson } from './stats/distributions.ts';
import { benjaminiHochberg } from './stats/multiple-testing.ts';

export interface AreaCounts {
  code: string;
  label: string;
  ed: number;
  police: number;
}

export interface AreaComparison extends AreaCounts {
  /** ED ÷ police; null when police is 0 (the ratio is unbounded). */
  ratio: number | null;
  /** 95 % interval of the ratio; upper null when unbounded. Null when both counts are 0. */
  ratioInterval: [number, number | null] | null;
  /** ED ÷ (ED + police). */
  edShare: number | null;
  /** One-sided p-value that the ED share is above the area-wide share. */
  p: number | null;
  pAdjusted: number | null;
  hiddenViolence: boolean;
}

export interface Comparison {
  areas: AreaComparison[];
  /** ΣED ÷ (ΣED + Σpolice) over the areas compared. */
  areaWideShare: number | null;
  totals: { ed: number; police: number };
}

export const HIDDEN_VIOLENCE_FDR = 0.05;

function toRatio(share: number): number | null {
  return share >= 1 ? null : share / (1 - share);
}

export function compareEdAndPolice(areas: readonly AreaCounts[], alpha = 0.05): Comparison {
  for (const area of areas) {
    if (!(Number.isInteger(area.ed) && area.ed >= 0 && Number.isInteger(area.police) && area.police >= 0)) throw new Error(`ED beside police: counts of ${area.code} must be whole numbers of 0 or more`);
  }
  const totals = areas.reduce((sum, area) => ({ ed: sum.ed + area.ed, police: sum.police + area.police }), { ed: 0, police: 0 });
  const areaWideShare = totals.ed + totals.police > 0 ? totals.ed / (totals.ed + totals.police) : null;
  const pValues = areas.map((area) => {
    const n = area.ed + area.police;
    if (n === 0 || areaWideShare === null) return null;
    return binomialUpperTail(area.ed, n, areaWideShare);
  });
  const adjusted = benjaminiHochberg(pValues);
  return {
    areaWideShare,
    totals,
    areas: areas.map((area, i) => {
      const n = area.ed + area.police;
      const [low, high] = n > 0 ? clopperPearson(area.ed, n, alpha) : [0, 1];
      const share = n > 0 ? area.ed / n : null;
      return {
        ...area,
        ratio: area.police > 0 ? area.ed / area.police : null,
        ratioInterval: n > 0 ? [toRatio(low) ?? 0, toRatio(high)] : null,
        edShare: share,
        p: pValues[i]!,
        pAdjusted: adjusted[i]!,
        hiddenViolence: adjusted[i] !== null && adjusted[i]! <= HIDDEN_VIOLENCE_FDR && share !== null && areaWideShare !== null && share > areaWideShare,
      };
    }),
  };
}
