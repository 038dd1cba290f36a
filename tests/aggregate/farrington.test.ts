import { describe, expect, it } from 'vitest';
import { assessMonth, DEFAULT_ALERT_SETTINGS } from '../../src/aggregate/alerts/farrington.ts';
import { fitQuasiPoisson } from '../../src/aggregate/alerts/quasi-poisson.ts';
import { createRandom } from '../../sample-data/lib/random.ts';

function random(seed: number): () => number {
  return createRandom(seed).next;
}

/** Knuth's multiplication method for small means, a normal approximation past 500. */
function poisson(mean: number, next: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = next();
  while (product > limit) {
    k += 1;
    product *= next();
  }
  return k;
}

function series(months: number, mean: (month: number) => number, next: () => number): number[] {
  return Array.from({ length: months }, (_, month) => poisson(mean(month), next));
}

describe('quasi-Poisson fit (as R glm, family = quasipoisson)', () => {
  it('an intercept-only model fits the mean, with the Pearson dispersion', () => {
    const y = [3, 5, 4, 8, 5];
    const fit = fitQuasiPoisson(y, y.map(() => [1]))!;
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo(5, 10);
    // Σ (y − 5)² / 5 / 4 = (4 + 0 + 1 + 9 + 0) / 20
    expect(fit.dispersion).toBeCloseTo(14 / 20, 10);
  });

  it('a log-linear trend is recovered exactly from noiseless data', () => {
    const y = Array.from({ length: 12 }, (_, t) => 10 * Math.exp(0.05 * t));
    const fit = fitQuasiPoisson(y, y.map((_, t) => [1, t]))!;
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(10), 8);
    expect(fit.coefficients[1]).toBeCloseTo(0.05, 8);
  });
});

describe('alerts on simulated counts', () => {
  it.each([3, 8, 20, 60])('stationary Poisson counts (mean %s a month) alert in at most about 5 percent of months', (mean) => {
    const next = random(1000 + mean);
    let assessed = 0;
    let alerts = 0;
    for (let run = 0; run < 60; run += 1) {
      const counts = series(60, () => mean, next);
      for (let k = 14; k < counts.length; k += 1) {
        const result = assessMonth(counts, k);
        if (!result.assessed) continue;
        assessed += 1;
        if (result.alert) alerts += 1;
      }
    }
    expect(assessed).toBeGreaterThan(2000);
    console.log(`false-alert rate ${(alerts / assessed).toFixed(4)} over ${assessed} months`);
    expect(alerts / assessed).toBeLessThanOrEqual(0.055);
  });

  it('a seasonal series without outbreaks alerts in at most about 5 % of months', () => {
    const next = random(77);
    let assessed = 0;
    let alerts = 0;
    for (let run = 0; run < 60; run += 1) {
      const counts = series(60, (month) => 20 * (1 + 0.3 * Math.sin((2 * Math.PI * month) / 12)), next);
      for (let k = 26; k < counts.length; k += 1) {
        const result = assessMonth(counts, k);
        if (result.assessed) {
          assessed += 1;
          if (result.alert) alerts += 1;
        }
      }
    }
    console.log(`false-alert rate ${(alerts / assessed).toFixed(4)} over ${assessed} months`);
    expect(alerts / assessed).toBeLessThanOrEqual(0.055);
  });

  it('a doubling in the last month is flagged', () => {
    const counts = [...series(48, () => 20, random(5)), 40];
    const result = assessMonth(counts, 48);
    expect(result).toMatchObject({ assessed: true, alert: true, method: 'seasonal', yearsBack: 3 });
    if (result.assessed) expect(result.expected).toBeGreaterThan(15);
  });

  it('a doubling is flagged in most simulated series, at every history length', () => {
    const next = random(9);
    for (const history of [10, 20, 48]) {
      let flagged = 0;
      for (let run = 0; run < 200; run += 1) {
        const counts = [...series(history, () => 20, next), poisson(40, next)];
        const result = assessMonth(counts, history);
        if (result.assessed && result.alert) flagged += 1;
      }
      expect(flagged / 200, `history ${history}`).toBeGreaterThan(0.8);
    }
  });

  it('past outbreaks in the baseline are down-weighted and do not hide a new one', () => {
    const counts = series(49, () => 20, random(11));
    counts[36] = 80; // an outbreak a year ago, inside the baseline window
    counts[48] = 42;
    expect(assessMonth(counts, 48)).toMatchObject({ assessed: true, alert: true });
  });

  it.each([
    ['below the minimum count', [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 4], false],
    ['from nothing to the minimum count', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5], true],
  ] as const)('small counts: %s', (_name, counts, alert) => {
    expect(assessMonth(counts, counts.length - 1)).toMatchObject({ assessed: true, alert });
  });

  it('says why a month is not assessed', () => {
    expect(assessMonth([5, 6, 7], 2)).toMatchObject({ assessed: false, reason: expect.stringContaining('not enough history') });
    expect(assessMonth([5, 6, null], 2)).toMatchObject({ assessed: false, reason: 'no data for the month' });
  });

  it('uses the defaults it documents', () => {
    expect(DEFAULT_ALERT_SETTINGS).toMatchObject({ alpha: 0.05, minimumCount: 5, reweightThreshold: 2.58 });
  });
});
