import { describe, expect, it } from 'vitest';
import { compareEdAndPolice } from '../../src/aggregate/ed-police.ts';

describe('ED beside police', () => {
  it('the ratio and its exact interval (Clopper–Pearson on the ED share, mapped to a ratio)', () => {
    const [area] = compareEdAndPolice([{ code: 'A', label: 'A', ed: 7, police: 3 }]).areas;
    expect(area!.ratio).toBeCloseTo(7 / 3, 12);
    // binom.test(7, 10)$conf.int = 0.3475471 0.9332605
    expect(area!.ratioInterval![0]).toBeCloseTo(0.3475471 / (1 - 0.3475471), 5);
    expect(area!.ratioInterval![1]!).toBeCloseTo(0.9332605 / (1 - 0.9332605), 3);
  });

  it('finds hidden violence where the ED share is above the area-wide share, after Benjamini–Hochberg', () => {
    const result = compareEdAndPolice([
      { code: 'nightlife', label: 'Town centre', ed: 30, police: 10 },
      { code: 'estate', label: 'Estate', ed: 10, police: 30 },
      { code: 'even', label: 'Even', ed: 10, police: 10 },
    ]);
    expect(result.areaWideShare).toBe(0.5);
    expect(result.areas.map((area) => area.hiddenViolence)).toEqual([true, false, false]);
    // P(X ≥ 30 | 40, 0.5), summed exactly: 0.00111071688661468; BH over 3 tests: × 3 (the smallest p).
    expect(result.areas[0]!.p).toBeCloseTo(0.0011107168866146822, 12);
    expect(result.areas[0]!.pAdjusted).toBeCloseTo(0.0033321506598440465, 12);
  });

  it('no police crimes: the ratio is unbounded, not a number; no counts: no statistic', () => {
    const [none, empty] = compareEdAndPolice([
      { code: 'A', label: 'A', ed: 4, police: 0 },
      { code: 'B', label: 'B', ed: 0, police: 0 },
    ]).areas;
    expect(none!.ratio).toBeNull();
    expect(none!.ratioInterval![1]).toBeNull();
    expect(empty!.ratioInterval).toBeNull();
    expect(empty!.p).toBeNull();
    expect(empty!.hiddenViolence).toBe(false);
  });
});
