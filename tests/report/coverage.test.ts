/**
 * The coverage of each month, from receipts and refusals: table tests of what
 * a month is (complete, partial, no data) and what each site's state is.
 */
import { describe, expect, it } from 'vitest';
import { Coverage, stateText } from '../../src/report/coverage.ts';
import { fixForRefusal } from '../../src/report/hospital/pack.ts';
import { publishRefusal } from '../../src/report/publish.ts';
import type { ExtractReceipt, RefusedFile } from '../../src/store/coverage.ts';

const receipt = (siteCode: string, period: string, receivedAt: string, version = 1): ExtractReceipt => ({ siteCode, period, version, fileName: `${siteCode}_${period}.csv`, receivedAt, rowsAccepted: 100 });
const refusal = (siteCode: string | null, period: string | null, reason = 'Line 1 (header): no columns'): RefusedFile => ({ siteCode, period, fileName: `${siteCode ?? 'x'}_${period ?? 'x'}.csv`, reason, refusedAt: '2026-04-03T09:00:00Z' });
const SITES = [{ code: 'AAA', name: 'Alpha' }, { code: 'BBB', name: 'Beta', extractDueDay: 14 }];

function coverage(receipts: ExtractReceipt[], refusals: RefusedFile[] = [], now = '2026-06-20T12:00:00Z', expectFrom?: string) {
  return new Coverage({ receipts, refusals, sites: SITES, defaultDueDay: 5, now: new Date(now), ...(expectFrom ? { expectFrom } : {}) });
}

describe('a month is complete, partial or without data', () => {
  const receipts = [receipt('AAA', '2026-02', '2026-03-03T09:00:00Z'), receipt('BBB', '2026-02', '2026-03-10T09:00:00Z'), receipt('AAA', '2026-03', '2026-04-09T09:00:00Z'), receipt('AAA', '2026-05', '2026-06-02T09:00:00Z'), receipt('BBB', '2026-05', '2026-06-03T09:00:00Z')];
  const c = coverage(receipts, [refusal('BBB', '2026-03')]);
  it.each([
    ['2026-01', 'no_data'],
    ['2026-02', 'complete'],
    ['2026-03', 'partial'],
    ['2026-04', 'no_data'],
    ['2026-05', 'complete'],
    ['2026-06', 'no_data'],
  ])('%s is %s', (month, kind) => {
    expect(c.of(month).kind).toBe(kind);
  });

  it.each([
    ['AAA', '2026-03', 'received', 'received 9 Apr 2026, 4 days late'],
    ['BBB', '2026-03', 'refused', 'file refused (BBB_2026-03.csv): Line 1 (header): no columns'],
    ['AAA', '2026-04', 'missing', 'missing, due 5 May 2026 (46 days overdue)'],
    ['BBB', '2026-02', 'received', 'received 10 Mar 2026'],
  ])('%s %s is %s: %s', (site, month, state, text) => {
    const entry = c.of(month).sites.find((s) => s.siteCode === site)!;
    expect(entry.state).toBe(state);
    expect(stateText(entry)).toBe(text);
  });

  it('a month not yet due is awaited, and names the due day', () => {
    const entry = coverage(receipts, [], '2026-07-10T12:00:00Z').of('2026-06').sites.find((s) => s.siteCode === 'BBB')!;
    expect(entry.state).toBe('awaited');
    expect(stateText(entry)).toBe('not yet due (due 14 Jul 2026)');
  });

  it('a site is expected only from its first file, unless the config says from when', () => {
    const late = [receipt('AAA', '2026-01', '2026-02-01T09:00:00Z'), receipt('AAA', '2026-02', '2026-03-01T09:00:00Z'), receipt('BBB', '2026-02', '2026-03-01T09:00:00Z')];
    expect(coverage(late).of('2026-01').kind).toBe('complete');
    expect(coverage(late, [], undefined, '2026-01').of('2026-01').kind).toBe('partial');
  });

  it.each([
    [['2026-02'], undefined],
    [['2026-03'], 'not comparable (Mar 26 is partial: BBB missing)'],
    [['2026-02', '2026-01'], 'not comparable (Jan 26 has no data)'],
    [['2026-01', '2026-03', '2026-04', '2026-05'], 'not comparable (3 of 4 months partial or without data)'],
  ])('comparing %j: %s', (months, expected) => {
    expect(c.notComparable(months)).toBe(expected);
  });

  it.each([
    ['2026-07', 'allow', 'future'],
    ['2026-06', 'allow', 'no_data'],
    ['2026-03', 'refuse', 'partial'],
    ['2026-03', 'allow', null],
    ['2026-02', 'refuse', null],
  ] as const)('publishing %s (partial: %s) is refused as %s', (month, partial, kind) => {
    expect(publishRefusal(c, month, partial)?.kind ?? null).toBe(kind);
  });

  it('a refused file whose site or month could not be told is listed apart', () => {
    const unknown = coverage(receipts, [refusal(null, '2026-03'), refusal('AAA', null)]);
    expect(unknown.unattributedRefusals()).toHaveLength(2);
    expect(unknown.of('2026-03').sites.find((s) => s.siteCode === 'BBB')!.state).toBe('missing');
  });
});

describe('what a hospital is told to fix', () => {
  it.each([
    ['Cannot tell which site sent this file: no site_code column', /site code/],
    ['Line 1 (header): The header has no column for assault date', /column names/],
    ['None of the 12 rows could be accepted.', /data-quality report/],
    ['Line 40: unclosed quote. Nothing after this point can be read reliably', /quotes/],
    ['Something new', /Correct the problem named/],
  ])('%s', (reason, expected) => {
    expect(fixForRefusal(reason)).toMatch(expected);
  });
});
