import { afterEach, describe, expect, it } from 'vitest';
import { owedExtracts } from '../../src/schedule/late-extracts.ts';
import { insertExtract, openTestDataDir, type TestDataDir } from './helpers.ts';

let dataDir: TestDataDir | null = null;
afterEach(() => {
  dataDir?.close();
  dataDir = null;
});

const sites = [{ code: 'RAPNM' }, { code: 'RF4QH', extractDueDay: 12 }];

describe('owedExtracts', () => {
  it.each([
    ['awaited until the end of the due day, London time (23:30 BST on the 5th)', '2026-08-05T22:30:00Z', [], ['RAPNM 2026-07 0', 'RF4QH 2026-07 0']],
    ['late from the first minute of the next day (00:30 BST on the 6th)', '2026-08-05T23:30:00Z', ['RAPNM 2026-07 1'], ['RF4QH 2026-07 0']],
    ['a site’s own due day wins over the default', '2026-08-13T09:00:00Z', ['RAPNM 2026-07 8', 'RF4QH 2026-07 1'], []],
    ['every month since the first expected stays late until it arrives', '2026-10-20T09:00:00Z', ['RAPNM 2026-07 76', 'RF4QH 2026-07 69', 'RAPNM 2026-08 45', 'RF4QH 2026-08 38', 'RAPNM 2026-09 15', 'RF4QH 2026-09 8'], []],
    ['in winter the day ends at midnight GMT', '2026-12-05T23:59:00Z', ['RAPNM 2026-07 122', 'RF4QH 2026-07 115', 'RAPNM 2026-08 91', 'RF4QH 2026-08 84', 'RAPNM 2026-09 61', 'RF4QH 2026-09 54', 'RAPNM 2026-10 30', 'RF4QH 2026-10 23'], ['RAPNM 2026-11 0', 'RF4QH 2026-11 0']],
  ])('%s', (_behaviour, now, late, awaited) => {
    dataDir = openTestDataDir(now);
    const owed = owedExtracts(dataDir.context.store, sites, { dueDay: 5, expectFrom: '2026-07' }, new Date(now), 'Europe/London');
    const describe = (entries: typeof owed.late) => entries.map((entry) => `${entry.siteCode} ${entry.period} ${entry.daysLate}`);
    expect(describe(owed.late)).toEqual(late);
    expect(describe(owed.awaited)).toEqual(awaited);
  });

  it('counts a superseded extract as arrived, and starts from the earliest month any site sent when no first month is set', () => {
    dataDir = openTestDataDir('2026-09-20T09:00:00Z');
    const { store } = dataDir.context;
    insertExtract(store, 'RAPNM', '2026-07', new Date('2026-08-01T09:00:00Z'));
    insertExtract(store, 'RAPNM', '2026-07', new Date('2026-08-02T09:00:00Z'));
    insertExtract(store, 'RF4QH', '2026-08', new Date('2026-09-01T09:00:00Z'));
    const owed = owedExtracts(store, sites, { dueDay: 5 }, new Date('2026-09-20T09:00:00Z'), 'Europe/London');
    expect(owed.late.map((entry) => `${entry.siteCode} ${entry.period}`)).toEqual(['RF4QH 2026-07', 'RAPNM 2026-08']);
  });

  it('expects nothing before any site has sent anything', () => {
    dataDir = openTestDataDir('2026-09-20T09:00:00Z');
    expect(owedExtracts(dataDir.context.store, sites, { dueDay: 5 }, new Date('2026-09-20T09:00:00Z'), 'Europe/London')).toEqual({ late: [], awaited: [] });
  });
});
