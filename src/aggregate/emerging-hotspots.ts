/**
 * Emerging hotspot classification over a run of periods (months), following
 * the code of the R package sfhotspot's hotspot_classify() (Ashby), with its
 * default parameters: hotspot_prop 0.1, persistent_prop 0.8, recent_prop 0.2,
 * critical_p 0.05.
 *
 * For each area, Gi* is worked out in every period (on that period's counts,
 * see getis-ord.ts). Its p-values across the periods are adjusted by Holm's
 * method (sfhotspot passes p_adjust_method = NULL to p.adjust, which then uses
 * its first method, "holm"); a period is a significant hotspot when the
 * adjusted p < critical_p and z > 0 (a coldspot when z < 0).
 *
 * With n periods, r = floor(recent_prop · n) (at least 1) are "recent". As in
 * sfhotspot's code, the recent proportion counts the last r + 1 periods over r,
 * and the older proportion the first n − r periods over n − r (so the period
 * n − r is in both). Then, in this order:
 *   persistent: significant in at least persistent_prop of all periods;
 *   emerging:   older < hotspot_prop and recent ≥ recent_prop;
 *   former:     older ≥ hotspot_prop and recent < hotspot_prop;
 *   intermittent: significant in at least hotspot_prop of all periods;
 *   otherwise no pattern. An area both hot and cold by these rules is "mixed".
 */
import { holm } from './stats/multiple-testing.ts';

export interface EmergingParameters {
  hotspotProp: number;
  persistentProp: number;
  recentProp: number;
  criticalP: number;
}

export const SFHOTSPOT_DEFAULTS: EmergingParameters = { hotspotProp: 0.1, persistentProp: 0.8, recentProp: 0.2, criticalP: 0.05 };

export type EmergingCategory =
  | 'persistent hotspot'
  | 'emerging hotspot'
  | 'former hotspot'
  | 'intermittent hotspot'
  | 'persistent coldspot'
  | 'emerging coldspot'
  | 'former coldspot'
  | 'intermittent coldspot'
  | 'mixed hot/coldspot'
  | 'no pattern';

export interface PeriodResult {
  z: number | null;
  /** Two-sided, unadjusted p-value of that period's Gi*. */
  p: number | null;
}

function category(significant: boolean[], recentPeriods: number, parameters: EmergingParameters, side: 'hotspot' | 'coldspot'): EmergingCategory | null {
  const n = significant.length;
  const count = (from: number, to: number) => significant.slice(from, to).filter(Boolean).length;
  const all = count(0, n) / n;
  const recent = count(n - recentPeriods - 1, n) / recentPeriods;
  const older = count(0, n - recentPeriods) / (n - recentPeriods);
  if (all >= parameters.persistentProp) return `persistent ${side}`;
  if (older < parameters.hotspotProp && recent >= parameters.recentProp) return `emerging ${side}`;
  if (older >= parameters.hotspotProp && recent < parameters.hotspotProp) return `former ${side}`;
  if (all >= parameters.hotspotProp) return `intermittent ${side}`;
  return null;
}

/** The category of one area from its Gi* in each period, oldest first. */
export function classifyArea(periods: readonly PeriodResult[], parameters: EmergingParameters = SFHOTSPOT_DEFAULTS): EmergingCategory {
  const n = periods.length;
  if (n < 2) throw new Error('Emerging hotspots need at least one recent and one older period');
  let recentPeriods = Math.floor(parameters.recentProp * n);
  if (recentPeriods < 1 || n - recentPeriods < 1) recentPeriods = 1;
  const adjusted = holm(periods.map((period) => period.p));
  const significant = adjusted.map((p) => p !== null && p < parameters.criticalP);
  const hot = category(periods.map((period, i) => significant[i]! && period.z !== null && period.z > 0), recentPeriods, parameters, 'hotspot');
  const cold = category(periods.map((period, i) => significant[i]! && period.z !== null && period.z <= 0), recentPeriods, parameters, 'coldspot');
  if (hot && cold) return 'mixed hot/coldspot';
  return hot ?? cold ?? 'no pattern';
}
