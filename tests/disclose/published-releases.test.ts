/**
 * Across releases: consecutive months' rolling tables overlap in eleven
 * months, and a revised edition of a month stands beside the first. The
 * release being made is protected and audited together with what is already
 * published, so nothing it adds narrows a suppressed cell of either.
 */
import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/config/disclosure.ts';
import { auditRelease, protectRelease, type CountTable, type Dimension, type PublishedRelease } from '../../src/disclose/index.ts';
import { seededRandom, syntheticArea, weaponDimension } from './fixtures.ts';

interface Attendance {
  month: number;
  lsoa: string;
  weapon: string;
}

const monthName = (index: number) => `2026-${String(index).padStart(2, '0')}`;

function records(lsoas: string[], seed: number): Attendance[] {
  const random = seededRandom(seed);
  const weapons = weaponDimension().values;
  const out: Attendance[] = [];
  for (let month = 1; month <= 12; month++) {
    for (const lsoa of lsoas) {
      const count = Math.floor(random() * random() * 6);
      for (let i = 0; i < count; i++) out.push({ month, lsoa, weapon: weapons[Math.floor(random() * random() * 4)]! });
    }
  }
  return out;
}

function count(id: string, rows: Attendance[], months: number[], dimensions: Array<{ dimension: Dimension; of: (row: Attendance) => string }>): CountTable {
  const cells = new Map<string, { keys: Record<string, string>; count: number }>();
  for (const row of rows) {
    if (!months.includes(row.month)) continue;
    const keys = Object.fromEntries(dimensions.map(({ dimension, of }) => [dimension.name, of(row)]));
    const key = JSON.stringify(keys);
    const cell = cells.get(key);
    if (cell) cell.count++;
    else cells.set(key, { keys, count: 1 });
  }
  return { id, title: id, dimensions: dimensions.map(({ dimension }) => dimension), cells: [...cells.values()], scope: { filters: { month: months.map(monthName) } } };
}

/** The month's LSOA × weapon table and the LSOA counts over the three months to it (a short rolling window keeps the test quick). */
function monthTables(lsoas: string[], rows: Attendance[], month: number): CountTable[] {
  const lsoa: Dimension = { name: 'lsoa', label: 'LSOA', values: lsoas };
  return [
    count('lsoa-weapon', rows, [month], [
      { dimension: lsoa, of: (row) => row.lsoa },
      { dimension: weaponDimension(), of: (row) => row.weapon },
    ]),
    count('lsoa-3-months', rows, [month - 2, month - 1, month], [{ dimension: lsoa, of: (row) => row.lsoa }]),
  ];
}

describe('a release audited together with the releases already published', () => {
  const lsoas = syntheticArea(12).map((entry) => entry.lsoa);
  const policy = disclosurePolicy({ method: 'threshold_suppression', threshold: 5 });
  const meta = (month: number) => ({ audience: 'public', period: monthName(month) });

  it('consecutive months with overlapping rolling tables', () => {
    const rows = records(lsoas, 5);
    const published: PublishedRelease[] = [];
    for (const month of [3, 4, 5]) {
      const tables = monthTables(lsoas, rows, month);
      const release = protectRelease(tables, policy, meta(month), { published });
      expect(auditRelease(release, tables, policy, { published })).toEqual([]);
      published.push({ release, tables });
    }
  });

  it('a revised edition of a month beside the first edition', () => {
    const first = records(lsoas, 9);
    const tablesBefore = monthTables(lsoas, first, 6);
    const before = protectRelease(tablesBefore, policy, meta(6));
    // The resubmitted extract adds a few attendances in two LSOAs.
    const revised = [...first, { month: 6, lsoa: lsoas[0]!, weapon: 'body' }, { month: 6, lsoa: lsoas[3]!, weapon: 'knife_or_sharp' }];
    const tables = monthTables(lsoas, revised, 6);
    const published: PublishedRelease[] = [{ release: before, tables }];
    const release = protectRelease(tables, policy, meta(6), { published });
    expect(auditRelease(release, tables, policy, { published })).toEqual([]);
  });
});
