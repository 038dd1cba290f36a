/**
 * Is this month's count above what the past predicts? The improved Farrington
 * method (Farrington et al. 1996, JRSS A 159:547; Noufaily et al. 2013, Stat
 * Med 32:1206) as R's surveillance::farringtonFlexible runs it with
 * thresholdMethod = "delta", adapted to monthly counts:
 *
 * - Baseline: the same month and the `halfWindow` months either side of it in
 *   each of the last `yearsBack` years (up to 3; fewer when the history is
 *   shorter). Seasonality is handled by comparing like with like.
 * - A quasi-Poisson GLM, log link, on the baseline counts; a linear time trend
 *   is kept only with 3 years of baseline, when significant at 5 % and when it
 *   does not predict above the largest baseline count. Past outbreaks are
 *   down-weighted: baseline months whose Anscombe residual exceeds 2.58 get
 *   weight ∝ residual⁻², and the model is refitted.
 * - Threshold: the upper (1 − alpha) limit of the prediction on the 2/3-power
 *   scale, U = (μ₀^(2/3) + z₁₋ₐ · √(4/9 · μ₀^(1/3) · (φ + se(μ₀)²/μ₀)))^(3/2),
 *   with φ the dispersion (at least 1).
 * - An alert needs the count above U and at least `minimumCount` (Farrington's
 *   "5 in the past 4 weeks", here 5 in the month).
 *
 * With less than a year of history before the baseline window, the previous
 * months (at least `shortHistoryMonths`, at most 12) are the baseline, without
 * trend or seasonality; the assessment says so.
 */
import { normalQuantile } from '../stats/distributions.ts';
import { fitQuasiPoisson, predictResponse, type QuasiPoissonFit } from './quasi-poisson.ts';

export interface AlertSettings {
  yearsBack: number;
  halfWindow: number;
  /** One-sided: the threshold is the upper (1 − alpha) prediction limit. */
  alpha: number;
  reweightThreshold: number;
  trendPValue: number;
  minimumCount: number;
  shortHistoryMonths: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  yearsBack: 3,
  halfWindow: 2,
  alpha: 0.05,
  reweightThreshold: 2.58,
  trendPValue: 0.05,
  minimumCount: 5,
  shortHistoryMonths: 6,
};

export type AlertMethod = 'seasonal' | 'short-history' | 'zero-baseline';

export type MonthAssessment =
  | {
      assessed: true;
      observed: number;
      /** Predicted count μ₀. */
      expected: number;
      /** The threshold U; an alert needs the count above it (and at least the minimum count). */
      threshold: number;
      alert: boolean;
      method: AlertMethod;
      /** Years of baseline used (0 for short history). */
      yearsBack: number;
      baselineMonths: number;
      trend: boolean;
      dispersion: number;
    }
  | { assessed: false; observed: number | null; reason: string };

interface Fitted {
  fit: QuasiPoissonFit;
  phi: number;
}

/** Fit, then refit with weights that shrink months with large Anscombe residuals (past outbreaks). */
function fitReweighted(y: number[], design: number[][], threshold: number): Fitted | null {
  const first = fitQuasiPoisson(y, design);
  if (!first) return null;
  const phi = Math.max(first.dispersion, 1);
  const residuals = y.map((value, i) => {
    const mu = first.fitted[i]!;
    const leverage = 1 - first.hat[i]!;
    if (!(leverage > 1e-10)) return 0;
    return (1.5 * (value ** (2 / 3) * mu ** (-1 / 6) - Math.sqrt(mu))) / Math.sqrt(phi * leverage);
  });
  const gamma = y.length / residuals.reduce((sum, s) => sum + (s > threshold ? s ** -2 : 1), 0);
  const weights = residuals.map((s) => (s > threshold ? gamma * s ** -2 : gamma));
  const second = fitQuasiPoisson(y, design, weights);
  if (!second) return null;
  return { fit: second, phi: Math.max(second.dispersion, 1) };
}

function threshold(mean: number, se: number, phi: number, alpha: number): number {
  const tau = phi + (se * se) / mean;
  const sd = Math.sqrt((4 / 9) * mean ** (1 / 3) * tau);
  const root = mean ** (2 / 3) + normalQuantile(1 - alpha) * sd;
  return root ** 1.5;
}

/**
 * Assesses month `k` of a monthly series (index 0 = the first month; null = no
 * data that month, which is left out of any baseline).
 */
export function assessMonth(series: ReadonlyArray<number | null>, k: number, settings: AlertSettings = DEFAULT_ALERT_SETTINGS): MonthAssessment {
  const observed = series[k] ?? null;
  if (observed === null) return { assessed: false, observed: null, reason: 'no data for the month' };
  const w = settings.halfWindow;
  const years = Math.min(settings.yearsBack, Math.floor((k - w) / 12));
  let indexes: number[] = [];
  let method: AlertMethod = 'seasonal';
  if (years >= 1) {
    for (let year = 1; year <= years; year += 1) for (let d = -w; d <= w; d += 1) indexes.push(k - 12 * year + d);
  } else {
    method = 'short-history';
    for (let i = Math.max(0, k - 12); i < k; i += 1) indexes.push(i);
  }
  indexes = indexes.filter((i) => i >= 0 && i < k && series[i] !== null && series[i] !== undefined).sort((a, b) => a - b);
  const needed = method === 'seasonal' ? 3 : settings.shortHistoryMonths;
  if (indexes.length < needed) return { assessed: false, observed, reason: `not enough history: ${indexes.length} baseline month(s), ${needed} needed` };
  const y = indexes.map((i) => series[i]!);
  const base = { observed, yearsBack: method === 'seasonal' ? years : 0, baselineMonths: indexes.length };
  const minimumMet = observed >= settings.minimumCount;
  if (y.every((value) => value === 0)) {
    return { assessed: true, ...base, expected: 0, threshold: 0, alert: minimumMet && observed > 0, method: 'zero-baseline', trend: false, dispersion: 1 };
  }
  let fitted: Fitted | null = null;
  let trend = false;
  if (method === 'seasonal' && years >= 3) {
    const withTrend = fitReweighted(y, indexes.map((i) => [1, i]), settings.reweightThreshold);
    if (withTrend) {
      const prediction = predictResponse(withTrend.fit, [1, k]);
      trend = withTrend.fit.pValues[1]! < settings.trendPValue && prediction.mean <= Math.max(...y);
      if (trend) fitted = withTrend;
    }
  }
  fitted ??= fitReweighted(y, indexes.map(() => [1]), settings.reweightThreshold);
  if (!fitted) return { assessed: false, observed, reason: 'the model could not be fitted' };
  const prediction = predictResponse(fitted.fit, trend ? [1, k] : [1]);
  const upper = threshold(prediction.mean, prediction.se, fitted.phi, settings.alpha);
  return { assessed: true, ...base, expected: prediction.mean, threshold: upper, alert: minimumMet && observed > upper, method, trend, dispersion: fitted.phi };
}
