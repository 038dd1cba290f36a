import { describe, expect, it } from 'vitest';
import { binomialUpperTail, clopperPearson, normalCdf, normalQuantile, twoSidedNormalP, twoSidedTP } from '../../src/aggregate/stats/distributions.ts';
import { benjaminiHochberg, holm } from '../../src/aggregate/stats/multiple-testing.ts';

// Expected values from R 4 (pnorm, qnorm, pbinom, binom.test, pt, p.adjust).
describe('distributions against R', () => {
  it.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [-1, 0.15865525393145707],
    [-5, 2.866515718791939e-7],
    [-8, 6.22096057427178e-16],
    [3.2, 0.9993128620620841],
  ])('pnorm(%s) = %s', (z, p) => expect(normalCdf(z)).toBeCloseTo(p, 14));

  it('a small p far in the tail keeps its relative precision', () => {
    expect(twoSidedNormalP(-8) / (2 * 6.22096057427178e-16)).toBeCloseTo(1, 8);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
  ])('qnorm(%s) = %s', (p, z) => expect(normalQuantile(p)).toBeCloseTo(z, 10));

  it('binomial upper tail: 1 - pbinom(7, 10, 0.5) = 56/1024', () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 13);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    // 1 - pbinom(29, 100, 0.2), summed exactly in rational arithmetic
    expect(binomialUpperTail(30, 100, 0.2)).toBeCloseTo(0.011248978720991634, 13);
  });

  it('Clopper–Pearson: binom.test(7, 10)$conf.int = 0.3475471 0.9332605', () => {
    const [low, high] = clopperPearson(7, 10);
    expect(low).toBeCloseTo(0.3475471, 7);
    expect(high).toBeCloseTo(0.9332605, 7);
    expect(clopperPearson(0, 10)[0]).toBe(0);
  });

  it('t: 2 * pt(-2.228139, 10) = 0.05; 2 * pt(-1, 3) = 0.3910022', () => {
    expect(twoSidedTP(2.228138851986274, 10)).toBeCloseTo(0.05, 10);
    expect(twoSidedTP(-1, 3)).toBeCloseTo(0.3910022, 7);
  });
});

describe('multiple testing as p.adjust', () => {
  it.each([
    ['BH', benjaminiHochberg, [0.02, 0.04, 0.04, 0.02]],
    ['holm', holm, [0.03, 0.06, 0.06, 0.02]],
  ] as const)('%s of 0.01 0.04 0.03 0.005', (_name, adjust, expected) => {
    adjust([0.01, 0.04, 0.03, 0.005]).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
  });

  it('missing p-values stay missing and are not counted', () => {
    expect(benjaminiHochberg([0.01, null, 0.04])).toEqual([0.02, null, 0.04]);
  });
});
