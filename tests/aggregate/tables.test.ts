import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthsEnding } from '../../src/aggregate/months.ts';
import {
  ageSexTable,
  alcoholTable,
  domesticTable,
  locationTypeTable,
  lsoaWeaponTable,
  monthWeaponTable,
  placeTable,
  repeatAttendanceTable,
  wardWeaponTable,
  weekdayHourTable,
} from '../../src/aggregate/tables.ts';
import type { CountTable } from '../../src/disclose/types.ts';
import { createFixtureStore, HARINGEY_LSOAS, type FixtureStore } from '../report/fixtures.ts';

function countAt(table: CountTable, keys: Record<string, string>): number {
  return table.cells.filter((cell) => Object.entries(keys).every(([name, value]) => cell.keys[name] === value)).reduce((sum, cell) => sum + cell.count, 0);
}

describe('month arithmetic', () => {
  it.each([
    ['2026-11', -1, '2026-10'],
    ['2026-01', -1, '2025-12'],
    ['2026-11', -12, '2025-11'],
    ['2025-12', 1, '2026-01'],
    ['2026-03', -27, '2023-12'],
  ])('%s %+d months is %s', (month, offset, expected) => {
    expect(addMonths(month, offset)).toBe(expected);
  });

  it('lists the twelve months ending with a month, oldest first', () => {
    expect(monthsEnding('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it.each(['2026-13', '2026-1', 'November', ''])('rejects %j, naming the value', (value) => {
    expect(() => addMonths(value, 1)).toThrow(JSON.stringify(value));
  });
});

describe('monthly tables over current_records', () => {
  let fixture: FixtureStore;
  const [a, b] = HARINGEY_LSOAS;
  beforeAll(() => {
    fixture = createFixtureStore();
    fixture.addExtract('RRVED', '2026-10', [
      // A first version later superseded: none of these may be counted.
      { date: '2026-10-02', weapon: 'firearm', lsoa: a!.code, ward: a!.wardCode },
      { date: '2026-10-02', weapon: 'firearm', lsoa: a!.code, ward: a!.wardCode },
    ]);
    fixture.addExtract('RRVED', '2026-10', [
      { date: '2026-10-02', time: '23:10', weapon: 'bottle', lsoa: a!.code, ward: a!.wardCode, alcohol: true, relationship: 'stranger', repeatKey: 'k1' },
      { date: '2026-10-02', time: '23:40', weapon: 'bottle', lsoa: a!.code, ward: a!.wardCode, alcohol: true, relationship: 'stranger', repeatKey: 'k1' },
      { date: '2026-10-03', time: '01:05', weapon: 'body', lsoa: b!.code, ward: b!.wardCode, alcohol: false, relationship: 'partner_or_ex', ageBand: '18-24', sex: 'female', repeatKey: 'k2' },
      { date: '2026-10-10', time: null, weapon: 'knife_or_sharp', locationType: 'home', geocodeOutcome: 'home', lsoa: null, relationship: 'family', repeatKey: 'k1' },
      {
        date: '2026-10-17', time: '22:00', weapon: 'glass', locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: 'hgy-osm-1', matchedName: 'The Alexandra',
        lsoa: a!.code, ward: a!.wardCode, longitude: -0.1319, latitude: 51.5933,
      },
    ]);
    fixture.addExtract('RRVED', '2026-09', [{ date: '2026-09-30', weapon: 'body', lsoa: b!.code, ward: b!.wardCode, repeatKey: 'k2' }]);
    fixture.addExtract('RAPNM', '2026-10', [{ date: '2026-10-31', time: '03:00', weapon: 'body', lsoa: 'E01000001', ward: 'E05009999' }]);
  });
  afterAll(() => fixture.close());

  it('the core table counts current extracts only, by month, LSOA and weapon, with unplaced assaults kept', () => {
    const table = lsoaWeaponTable(fixture.store, '2026-10', HARINGEY_LSOAS);
    expect(table.dimensions.map((d) => d.name)).toEqual(['month', 'lsoa', 'weapon']);
    expect(countAt(table, { lsoa: a!.code, weapon: 'bottle' })).toBe(2);
    expect(countAt(table, { lsoa: a!.code, weapon: 'firearm' })).toBe(0);
    expect(countAt(table, { lsoa: 'unplaced', weapon: 'knife_or_sharp' })).toBe(1);
    expect(table.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(6);
  });

  it('an LSOA outside the area is appended to the dimension rather than dropped', () => {
    const table = lsoaWeaponTable(fixture.store, '2026-10', HARINGEY_LSOAS);
    const lsoa = table.dimensions.find((d) => d.name === 'lsoa')!;
    expect(lsoa.values.slice(0, 3)).toEqual(HARINGEY_LSOAS.map((l) => l.code));
    expect(lsoa.values).toContain('E01000001');
    expect(countAt(table, { lsoa: 'E01000001' })).toBe(1);
  });

  it.each([
    ['ward × weapon', (f: FixtureStore) => wardWeaponTable(f.store, '2026-10', HARINGEY_LSOAS), { ward: 'E05000266' }, 4],
    ['weekday × hour: Friday 23:00', (f: FixtureStore) => weekdayHourTable(f.store, ['2026-10']), { weekday: '5', hour: '23' }, 2],
    ['weekday × hour: time not recorded', (f: FixtureStore) => weekdayHourTable(f.store, ['2026-10']), { hour: 'unknown' }, 1],
    ['location type: home', (f: FixtureStore) => locationTypeTable(f.store, ['2026-10']), { location_type: 'home' }, 1],
    ['age × sex: women 18-24', (f: FixtureStore) => ageSexTable(f.store, ['2026-10']), { age_band: '18-24', sex: 'female' }, 1],
    ['alcohol: yes', (f: FixtureStore) => alcoholTable(f.store, ['2026-10']), { alcohol: 'yes' }, 2],
    ['alcohol: not recorded', (f: FixtureStore) => alcoholTable(f.store, ['2026-10']), { alcohol: 'unknown' }, 3],
    ['domestic: yes', (f: FixtureStore) => domesticTable(f.store, ['2026-10']), { domestic: 'yes' }, 2],
    ['trend: September', (f: FixtureStore) => monthWeaponTable(f.store, ['2026-09', '2026-10']), { month: '2026-09' }, 1],
    ['premises hotspots', (f: FixtureStore) => placeTable(f.store, ['2026-10'], 'premises'), { premises: 'hgy-osm-1' }, 1],
  ])('%s', (_, build, keys, expected) => {
    expect(countAt(build(fixture), keys)).toBe(expected);
  });

  it('repeat attendances count people, not records, from the pseudonymous key', () => {
    const table = repeatAttendanceTable(fixture.store, ['2026-09', '2026-10']);
    // k1 three times in October, k2 once in September and once in October.
    expect(countAt(table, { attendances: '3+' })).toBe(1);
    expect(countAt(table, { attendances: '2' })).toBe(1);
    expect(countAt(table, { attendances: '1' })).toBe(0);
    expect(JSON.stringify(table)).not.toContain('k1');
  });
});
