/**
 * Getis–Ord local Gi* (Getis & Ord 1992; Ord & Getis 1995) on area counts,
 * as spdep's localG with include.self and binary weights, or PySAL esda's
 * G_Local(star=True, transform="B") z-score.
 *
 * For area i with weights w_ij = 1 for j = i and each neighbour of i, else 0:
 *
 *   W_i   = Σ_j w_ij                      (neighbours + 1: the area itself is included)
 *   x̄     = Σ_j x_j / n                   (over all n areas, i included)
 *   s     = √( Σ_j x_j² / n − x̄² )        (the population standard deviation, divisor n)
 *   Gi*_z = ( Σ_j w_ij x_j − x̄ W_i ) / ( s √( (n W_i − W_i²) / (n − 1) ) )
 *
 * (with binary weights Σ_j w_ij² = W_i). Under the null of no spatial
 * association Gi*_z is approximately standard normal: p is two-sided,
 * 2·P(Z > |z|). p-values are adjusted across areas by Benjamini–Hochberg and
 * the class is read from the adjusted p-value at 0.01, 0.05 and 0.10 — the
 * false-discovery-rate version of the usual 99/95/90 % confidence bins.
 * Where z is undefined (every count equal, or an area neighbouring all others)
 * z and p are null and the class is "none".
 */
import { benjaminiHochberg } from './stats/multiple-testing.ts';
import { twoSidedNormalP } from './stats/distributions.ts';

export const HOTSPOT_CLASSES = ['hot_99', 'hot_95', 'hot_90', 'cold_99', 'cold_95', 'cold_90', 'none'] as const;
export type HotspotClass = (typeof HOTSPOT_CLASSES)[number];

export interface GiStarResult {
  z: number | null;
  /** Two-sided p-value of z. */
  p: number | null;
  /** Benjamini–Hochberg adjusted across the areas. */
  pAdjusted: number | null;
  hotspot: HotspotClass;
}

/** Gi* z-scores; `neighbours[i]` lists the neighbours of area i (not i itself; it is added here). */
export function giStarZ(values: readonly number[], neighbours: readonly (readonly number[])[]): Array<number | null> {
  const n = values.length;
  if (neighbours.length !== n) throw new Error(`Gi*: ${n} values but ${neighbours.length} neighbour lists`);
  if (n < 2) return values.map(() => null);
  let sum = 0;
  let sumOfSquares = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new Error(`Gi*: a value is not a finite number (${value})`);
    sum += value;
    sumOfSquares += value * value;
  }
  const mean = sum / n;
  const variance = Math.max(0, sumOfSquares / n - mean * mean);
  const s = Math.sqrt(variance);
  return values.map((value, i) => {
    const others = new Set(neighbours[i]!.filter((j) => j !== i));
    for (const j of others) if (!(j >= 0 && j < n)) throw new Error(`Gi*: neighbour ${j} of area ${i} is not an area`);
    const weight = others.size + 1;
    let local = value;
    for (const j of others) local += values[j]!;
    const denominator = s * Math.sqrt((n * weight - weight * weight) / (n - 1));
    if (!(denominator > 0) || s < 1e-12 * Math.max(1, Math.abs(mean))) return null;
    return (local - mean * weight) / denominator;
  });
}

export function hotspotClass(z: number | null, pAdjusted: number | null): HotspotClass {
  if (z === null || pAdjusted === null || z === 0) return 'none';
  const side = z > 0 ? 'hot' : 'cold';
  if (pAdjusted <= 0.01) return `${side}_99`;
  if (pAdjusted <= 0.05) return `${side}_95`;
  if (pAdjusted <= 0.1) return `${side}_90`;
  return 'none';
}

/** Gi* for every area with p-values, BH-adjusted p-values and classes. */
export function giStar(values: readonly number[], neighbours: readonly (readonly number[])[]): GiStarResult[] {
  const z = giStarZ(values, neighbours);
  const p = z.map((value) => (value === null ? null : twoSidedNormalP(value)));
  const adjusted = benjaminiHochberg(p);
  return z.map((value, i) => ({ z: value, p: p[i]!, pAdjusted: adjusted[i]!, hotspot: hotspotClass(value, adjusted[i]!) }));
}
