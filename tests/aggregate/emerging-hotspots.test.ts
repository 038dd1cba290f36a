import { describe, expect, it } from 'vitest';
import { classifyArea, SFHOTSPOT_DEFAULTS } from '../../src/aggregate/emerging-hotspots.ts';

/** Twelve months: 'H' a significant hotspot month, 'C' a significant coldspot month, '.' neither. */
function months(pattern: string) {
  return [...pattern].map((mark) => (mark === 'H' ? { z: 4, p: 1e-6 } : mark === 'C' ? { z: -4, p: 1e-6 } : { z: 0.3, p: 0.76 }));
}

// n = 12 months, so r = floor(0.2 × 12) = 2 recent months; as in sfhotspot's code the recent share
// counts months 10–12 over 2 and the older share months 1–10 over 10.
describe('emerging hotspot classification (sfhotspot hotspot_classify rules)', () => {
  it.each([
    ['HHHHHHHHHHHH', 'persistent hotspot'],
    ['HH.HHHH.HHHH', 'persistent hotspot'],
    ['..........HH', 'emerging hotspot'],
    ['...........H', 'emerging hotspot'],
    ['HHH.........', 'former hotspot'],
    ['...H......H.', 'intermittent hotspot'],
    ['H.H.H.H.H...', 'former hotspot'],
    ['.........H..', 'no pattern'],
    ['............', 'no pattern'],
    ['CCCCCCCCCCCC', 'persistent coldspot'],
    ['...........C', 'emerging coldspot'],
    ['CC.........H', 'mixed hot/coldspot'],
  ])('%s is %s', (pattern, expected) => expect(classifyArea(months(pattern))).toBe(expected));

  it("adjusts each area's monthly p-values by Holm's method before comparing them with 0.05", () => {
    const periods = months('............');
    periods[11] = { z: 2.6, p: 0.01 };
    // 0.01 × 12 = 0.12: not significant once adjusted.
    expect(classifyArea(periods)).toBe('no pattern');
    periods[11] = { z: 4, p: 0.001 };
    expect(classifyArea(periods)).toBe('emerging hotspot');
  });

  it('a month without a statistic (every count equal) is not significant', () => {
    expect(classifyArea([...months('..........H'), { z: null, p: null }])).toBe('emerging hotspot');
  });

  it('uses the sfhotspot defaults', () => {
    expect(SFHOTSPOT_DEFAULTS).toEqual({ hotspotProp: 0.1, persistentProp: 0.8, recentProp: 0.2, criticalP: 0.05 });
  });
});
