/**
 * Across releases: consecutive months' rolling tables overlap in eleven
 * months, and a revised edition of a month stands beside the first. The
 * release being made is protected and audited together with what is already
 * published, so nothing it adds narrows a suppressed cell of either; a count
 * that the published releases already bound (with the least the new release
 * must show) is settled: it constrains the rest and is not protected again.
 */
import { describe, expect, it } from 'vitest';
import { monthsEnding } from '../../src/aggregate/months.ts';
import { disclosurePolicy, type DisclosurePolicyInput } from '../../src/config/disclosure.ts';
import { auditRelease, protectRelease, type CountTable, type Dimension, type PublishedRelease, type ReleaseMeta } from '../../src/disclose/index.ts';
import { attendances, periodTable, syntheticArea, weaponDimension, type AreaLsoa, type Attendance } from './fixtures.ts';

const MONTHS = monthsEnding('2026-12', 15);

/** A month's release as the public-health pack shapes it, with short periods to keep the test quick: LSOA and ward × weapon for the month, LSOAs over the three months to it, and month × weapon over them. */
function monthTables(area: AreaLsoa[], records: Attendance[], month: string): CountTable[] {
  const wardOf = new Map(area.map((entry) => [entry.lsoa, entry.ward]));
  const members: Record<string, string[]> = {};
  for (const entry of area) (members[entry.ward] ??= []).push(entry.lsoa);
  const lsoa: Dimension = { name: 'lsoa', label: 'LSOA', values: area.map((entry) => entry.lsoa) };
  const ward: Dimension = { name: 'ward', label: 'Ward', values: Object.keys(members), of: { dimension: 'lsoa', members } };
  const rolling = monthsEnding(month, 3);
  return [
    periodTable('lsoa-weapon', records, [month], [
      { dimension: lsoa, of: (record) => record.lsoa },
      { dimension: weaponDimension(), of: (record) => record.weapon },
    ]),
    periodTable('ward-weapon', records, [month], [
      { dimension: ward, of: (record) => wardOf.get(record.lsoa)! },
      { dimension: weaponDimension(), of: (record) => record.weapon },
    ]),
    periodTable('lsoa-3-months', records, rolling, [{ dimension: lsoa, of: (record) => record.lsoa }]),
    periodTable('month-weapon', records, rolling, [
      { dimension: { name: 'month', label: 'Month', values: rolling }, of: (record) => record.month },
      { dimension: weaponDimension(), of: (record) => record.weapon },
    ]),
  ];
}

const POLICIES: DisclosurePolicyInput[] = [{ method: 'threshold_suppression', threshold: 5 }, { method: 'hes' }];

describe('a release audited together with the releases already published', () => {
  const area = syntheticArea(18, 6, 3);
  const lsoas = area.map((entry) => entry.lsoa);
  const meta = (month: string): ReleaseMeta => ({ audience: 'public', period: month });

  for (const input of POLICIES) {
    const policy = disclosurePolicy(input);

    it(`consecutive months with overlapping rolling tables, under ${input.method}`, () => {
      const records = attendances(lsoas, MONTHS, 5);
      const published: PublishedRelease[] = [];
      for (const month of MONTHS.slice(-4)) {
        const tables = monthTables(area, records, month);
        const release = protectRelease(tables, policy, meta(month), { published });
        expect(auditRelease(release, tables, policy, { published })).toEqual([]);
        published.push({ release, tables });
      }
    });

    it(`a revised edition of a month beside the first edition and the months either side, under ${input.method}`, () => {
      const first = attendances(lsoas, MONTHS, 9);
      const [before, month, after] = MONTHS.slice(-3) as [string, string, string];
      // The months around it and the month itself are published on the first extracts, each beside those before it.
      const editions: Array<{ release: ReturnType<typeof protectRelease>; month: string }> = [];
      const firstPublished: PublishedRelease[] = [];
      for (const period of [before, month, after]) {
        const tables = monthTables(area, first, period);
        const release = protectRelease(tables, policy, meta(period), { published: firstPublished });
        firstPublished.push({ release, tables });
        editions.push({ release, month: period });
      }
      // The resubmitted extract of the month adds attendances in three LSOAs and takes one away.
      const dropped = first.findIndex((record) => record.month === month);
      const revised = [...first.filter((_, index) => index !== dropped), { month, lsoa: lsoas[0]!, weapon: 'body' }, { month, lsoa: lsoas[3]!, weapon: 'knife_or_sharp' }, { month, lsoa: lsoas[7]!, weapon: 'body' }];
      // Every published release, recounted on the revised data, stands beside the new edition.
      const published: PublishedRelease[] = editions.map(({ release, month: period }) => ({ release, tables: monthTables(area, revised, period) }));
      const tables = monthTables(area, revised, month);
      const release = protectRelease(tables, policy, meta(month), { published });
      expect(auditRelease(release, tables, policy, { published })).toEqual([]);
    });
  }

  it('a count the published releases already bound is settled: republishing the same month unchanged needs no more suppression, and passes', () => {
    const policy = disclosurePolicy({ method: 'hes' });
    const records = attendances(lsoas, MONTHS, 13);
    const month = MONTHS[MONTHS.length - 1]!;
    const tables = monthTables(area, records, month);
    const first = protectRelease(tables, policy, meta(month));
    const published: PublishedRelease[] = [{ release: first, tables }];
    const again = protectRelease(tables, policy, meta(month), { published });
    expect(auditRelease(again, tables, policy, { published })).toEqual([]);
    const suppressed = (release: typeof first) => release.tables.flatMap((table) => table.cells).filter((cell) => cell.display === '*').length;
    expect(suppressed(again)).toBe(suppressed(first));
  });
});
