import { describe, expect, it } from 'vitest';
import { disclosurePolicy, disclosureConfigSchema, type DisclosurePolicyInput } from '../../src/config/disclosure.ts';
import { auditRelease, protectRelease, protectRate, TOTAL, type CountTable, type ProtectedRelease, type ReleaseMeta } from '../../src/disclose/index.ts';
import {
  countTable,
  gridTable,
  hasSharedData,
  loadRealArea,
  lsoaDimension,
  monthlyTables,
  seededRandom,
  syntheticArea,
  syntheticRecords,
  weaponDimension,
} from './fixtures.ts';

const meta: ReleaseMeta = { audience: 'public', period: '2026-10' };
const POLICIES: Array<[string, DisclosurePolicyInput]> = [
  ['threshold 10 (public)', { method: 'threshold_suppression', threshold: 10 }],
  ['HES 1–7 suppressed, rest rounded to 5', { method: 'hes' }],
  ['ONS band 1 to 4', { method: 'ons_band' }],
  ['threshold 5 with zeros suppressed', { method: 'threshold_suppression', threshold: 5, zeros: 'suppress' }],
];

/** Display of a table's cells, row by row, for readable expectations. */
function displays(release: ProtectedRelease, tableIndex = 0): string[] {
  const table = release.tables[tableIndex]!;
  const width = table.dimensions[1]!.values.length + 1;
  const rows: string[] = [];
  for (let i = 0; i < table.cells.length; i += width) rows.push(table.cells.slice(i, i + width).map((cell) => cell.display).join(' '));
  return rows;
}

/** Primary suppression only: what a naive release would do. */
function primaryOnly(tables: CountTable[], threshold: number): ProtectedRelease {
  const release = protectRelease(tables, disclosurePolicy({ method: 'none' }), meta);
  for (const table of release.tables) {
    for (const cell of table.cells) {
      if (cell.value !== null && cell.value > 0 && cell.value < threshold) Object.assign(cell, { value: null, display: '*', status: 'primary_suppressed' });
    }
  }
  return release;
}

const AWKWARD: Array<[string, CountTable[]]> = [
  ['one non-zero cell in a row', [gridTable('t', [[0, 3, 0], [12, 20, 14], [15, 11, 30]])]],
  ['a row total under the threshold', [gridTable('t', [[1, 2, 1], [12, 20, 14], [15, 11, 30]])]],
  ['a whole table under the threshold', [gridTable('t', [[1, 0], [2, 1]])]],
  ['a big cell beside a small one', [gridTable('t', [[3, 50], [40, 60]])]],
  ['mostly zeros', [gridTable('t', [[0, 0, 4, 0], [0, 0, 0, 0], [0, 9, 0, 0], [25, 0, 0, 31]])]],
  [
    'linked tables sharing a margin',
    [gridTable('a', [[3, 20], [15, 12]], ['x', 'y'], ['knife', 'body']), gridTable('b', [[13, 10], [2, 25]], ['x', 'y'], ['street', 'home'])],
  ],
];

describe('protectRelease then auditRelease: nothing suppressed can be recovered', () => {
  for (const [policyName, input] of POLICIES) {
    const policy = disclosurePolicy(input);
    for (const [caseName, tables] of AWKWARD) {
      it(`${caseName}, under ${policyName}`, () => {
        const release = protectRelease(tables, policy, meta);
        expect(auditRelease(release, tables, policy)).toEqual([]);
      });
    }
    it(`random 6 × 4 tables, under ${policyName}`, () => {
      const random = seededRandom(7);
      for (let trial = 0; trial < 15; trial++) {
        const rows = Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => (random() < 0.4 ? 0 : Math.floor(random() * (random() < 0.3 ? 40 : 8)))));
        const tables = [gridTable(`t${trial}`, rows)];
        expect(auditRelease(protectRelease(tables, policy, meta), tables, policy)).toEqual([]);
      }
    });
    it(`a hierarchy LSOA → ward → borough with a linked second table, under ${policyName}`, () => {
      const area = syntheticArea(24, 4, 3);
      const tables = monthlyTables(area, syntheticRecords(area, seededRandom(11), 2), true);
      expect(auditRelease(protectRelease(tables, policy, meta), tables, policy)).toEqual([]);
    });
  }
});

describe('the auditor bites', () => {
  const policy = disclosurePolicy({ method: 'threshold_suppression', threshold: 10 });
  for (const [caseName, tables] of AWKWARD.filter(([name]) => name !== 'a whole table under the threshold' && name !== 'mostly zeros')) {
    it(`primary suppression alone fails: ${caseName}`, () => {
      const findings = auditRelease(primaryOnly(tables, 10), tables, policy);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((finding) => finding.kind === 'pinned' || finding.kind === 'too_narrow')).toBe(true);
    });
  }
  it('pins a lone suppressed cell exactly, with its bounds', () => {
    const tables = [gridTable('t', [[3, 20], [15, 12]])];
    const findings = auditRelease(primaryOnly(tables, 10), tables, policy);
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'pinned', keys: { row: 'r1', column: 'c1' }, lower: 3, upper: 3 }));
  });
  it('catches differencing between two tables that are each safe alone, and joint protection fixes it', () => {
    // Table a: x = 3, y = 30, total 33. Table b counts only y: it shows 30, so 33 − 30 gives x.
    const a: CountTable = { id: 'a', title: 'a', dimensions: [{ name: 'row', label: 'Row', values: ['x', 'y'] }], cells: [{ keys: { row: 'x' }, count: 3 }, { keys: { row: 'y' }, count: 30 }] };
    const b: CountTable = { id: 'b', title: 'b', dimensions: [{ name: 'row', label: 'Row', values: ['y'] }], cells: [{ keys: { row: 'y' }, count: 30 }] };
    const alone = [protectRelease([a], policy, meta), protectRelease([b], policy, meta)];
    expect(auditRelease(alone[0]!, [a], policy)).toEqual([]);
    expect(auditRelease(alone[1]!, [b], policy)).toEqual([]);
    const naive: ProtectedRelease = { ...alone[0]!, tables: [...alone[0]!.tables, ...alone[1]!.tables] };
    expect(auditRelease(naive, [a, b], policy)).toContainEqual(expect.objectContaining({ kind: 'pinned', tableId: 'a', keys: { row: 'x' } }));
    expect(auditRelease(protectRelease([a, b], policy, meta), [a, b], policy)).toEqual([]);
  });
  it('flags a sensitive count that is shown', () => {
    const tables = [gridTable('t', [[3, 20], [15, 12]])];
    const release = protectRelease(tables, disclosurePolicy({ method: 'none' }), meta);
    expect(auditRelease(release, tables, policy).map((finding) => finding.kind)).toContain('sensitive_shown');
  });
  it('flags a shown value that misstates the true count', () => {
    const tables = [gridTable('t', [[30, 20], [15, 12]])];
    const release = protectRelease(tables, policy, meta);
    Object.assign(release.tables[0]!.cells[0]!, { value: 31, display: '31' });
    expect(auditRelease(release, tables, policy).map((finding) => finding.kind)).toEqual(['misstated']);
  });
});

describe('auditor bounds are exact on small tables (brute force over every table consistent with the release)', () => {
  it('agrees with enumeration on a 3 × 3 table with margins', () => {
    const rows = [[3, 20, 14], [12, 1, 30], [15, 25, 18]];
    const tables = [gridTable('t', rows)];
    // A width of 15 makes both protected cells fail, so the auditor reports their bounds.
    const policy = disclosurePolicy({ method: 'threshold_suppression', threshold: 10, protectionWidth: 15 });
    const release = primaryOnly(tables, 10);
    const hidden = new Set(['r1/c1', 'r2/c2', 'r1/c2', 'r2/c1']);
    for (const cell of release.tables[0]!.cells) {
      if (hidden.has(`${cell.keys.row}/${cell.keys.column}`)) Object.assign(cell, { value: null, display: '*', status: cell.status === 'published' ? 'secondary_suppressed' : cell.status });
    }
    // Every assignment of the four hidden cells (each ≥ 1) that keeps the shown row and column totals.
    const rowTotals = rows.map((row) => row.reduce((sum, count) => sum + count, 0));
    const columnTotals = rows[0]!.map((_, c) => rows.reduce((sum, row) => sum + row[c]!, 0));
    const bounds = new Map<string, [number, number]>();
    for (let a = 1; a <= 60; a++) for (let b = 1; b <= 60; b++) for (let c = 1; c <= 60; c++) for (let d = 1; d <= 60; d++) {
      const candidate = rows.map((row) => [...row]);
      candidate[0]![0] = a; candidate[0]![1] = b; candidate[1]![0] = c; candidate[1]![1] = d;
      const fits = candidate.every((row, r) => row.reduce((sum, count) => sum + count, 0) === rowTotals[r]) && columnTotals.every((total, col) => candidate.reduce((sum, row) => sum + row[col]!, 0) === total);
      if (!fits) continue;
      for (const [name, value] of [['r1/c1', a], ['r2/c2', d]] as const) {
        const [low, high] = bounds.get(name) ?? [Infinity, -Infinity];
        bounds.set(name, [Math.min(low, value), Math.max(high, value)]);
      }
    }
    const findings = auditRelease(release, tables, policy);
    expect(findings.map((finding) => `${finding.keys.row}/${finding.keys.column}`).sort()).toEqual(['r1/c1', 'r2/c2']);
    for (const finding of findings) expect([finding.lower, finding.upper]).toEqual(bounds.get(`${finding.keys.row}/${finding.keys.column}`));
    expect(bounds.get('r1/c1')).toEqual([3, 14]);
  });
});

describe('how cells are shown', () => {
  const table = gridTable('t', [[3, 20, 40], [12, 0, 30], [15, 25, 8]]);
  it.each([
    ['hes', { method: 'hes' } as const, ['* 20 40 65', '10 0 30 40', '15 25 10 50', '30 45 80 155']],
    ['threshold 10', { method: 'threshold_suppression' } as const, ['* 20 * 63', '12 0 30 42', '* 25 * 48', '30 45 78 153']],
    ['none', { method: 'none' } as const, ['3 20 40 63', '12 0 30 42', '15 25 8 48', '30 45 78 153']],
  ])('%s', (_name, input, expected) => {
    expect(displays(protectRelease([table], disclosurePolicy(input), meta))).toEqual(expected);
  });
  it('ons_band shows small counts as "1 to 4"', () => {
    const release = protectRelease([table], disclosurePolicy({ method: 'ons_band' }), meta);
    expect(release.tables[0]!.cells[0]).toMatchObject({ display: '1 to 4', value: null, status: 'banded' });
  });
  it('is deterministic', () => {
    const policy = disclosurePolicy({ method: 'threshold_suppression' });
    expect(protectRelease([table], policy, meta)).toEqual(protectRelease([table], policy, meta));
  });
  it('never suppresses a zero when zeros are shown', () => {
    const release = protectRelease([table], disclosurePolicy({ method: 'threshold_suppression' }), meta);
    expect(release.tables[0]!.cells.find((cell) => cell.keys.row === 'r2' && cell.keys.column === 'c2')).toMatchObject({ display: '0', status: 'published' });
  });
  it('leaves margins out when the policy does not publish them', () => {
    const release = protectRelease([table], disclosurePolicy({ method: 'threshold_suppression', publishMargins: false }), meta);
    expect(release.tables[0]!.cells).toHaveLength(9);
    expect(auditRelease(release, [table], disclosurePolicy({ method: 'threshold_suppression', publishMargins: false }))).toEqual([]);
  });
  it.each([
    [{ method: 'hes' } as const, /1 to 7 are suppressed.*nearest 5/],
    [{ method: 'threshold_suppression' } as const, /1 to 9 are suppressed/],
    [{ method: 'ons_band' } as const, /"1 to 4"/],
    [{ method: 'none' } as const, /without disclosure control/],
  ])('states the method: %o', (input, pattern) => {
    expect(protectRelease([table], disclosurePolicy(input), meta).methodStatement).toMatch(pattern);
  });
});

describe('protectRate', () => {
  const policy = disclosurePolicy({ method: 'hes' });
  it.each([
    [9, 1000, { value: null, display: '[low]' }],
    [10, 2000, { value: 5, display: '5.0' }],
    [37, 1543, { value: 24, display: '24.0' }],
  ])('count %i of %i', (count, denominator, expected) => {
    expect(protectRate(count, denominator, policy)).toEqual(expected);
  });
});

describe('disclosure config', () => {
  it('gives every audience its default policy when the section is absent', () => {
    const config = disclosureConfigSchema.parse(undefined);
    expect(config.police.method).toBe('none');
    expect(config.licensing.method).toBe('none');
    expect(config['public-health']).toMatchObject({ method: 'hes', threshold: 8, roundingBase: 5, protectionWidth: 6 });
    expect(config.public).toMatchObject({ method: 'threshold_suppression', threshold: 10, protectionWidth: 10, zeros: 'show', rateMinimumCount: 10 });
  });
  it('fills method defaults for a policy the config names', () => {
    expect(disclosureConfigSchema.parse({ licensing: { method: 'ons_band' } }).licensing).toMatchObject({ threshold: 5, protectionWidth: 3 });
  });
  it('rejects a HES threshold that lets counts round to zero, naming the key', () => {
    const result = disclosureConfigSchema.safeParse({ public: { method: 'hes', threshold: 2, roundingBase: 10 } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['public', 'threshold']);
  });
});

describe.skipIf(!hasSharedData)('real LSOA → ward → borough hierarchy of two London boroughs', () => {
  if (!hasSharedData) console.log('shared/data not found: skipping the real-area disclosure test');
  it('a Haringey + Barking and Dagenham month of LSOA × weapon passes the audit under the public policy', () => {
    const area = loadRealArea().slice(0, 80);
    const records = syntheticRecords(area, seededRandom(5));
    const tables = [countTable('lsoa_by_weapon', records, [{ dimension: lsoaDimension(area, true), of: (r) => r.lsoa }, { dimension: weaponDimension(), of: (r) => r.weapon }])];
    const policy = disclosurePolicy({ method: 'threshold_suppression', threshold: 10 });
    expect(auditRelease(protectRelease(tables, policy, meta), tables, policy)).toEqual([]);
    expect(auditRelease(primaryOnly(tables, 10), tables, policy).length).toBeGreaterThan(0);
  }, 60_000);
});
