import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime, parseTime } from '../../src/validate/dates.ts';

describe('parseDateTime reads the forms hospital systems and Excel write', () => {
  it.each([
    ['UK day-first with time', '22/11/2026 23:15', { date: '2026-11-22', time: '23:15' }],
    ['UK with seconds', '22/11/2026 23:15:42', { date: '2026-11-22', time: '23:15' }],
    ['UK two-digit year', '22/11/26 23:15', { date: '2026-11-22', time: '23:15' }],
    ['UK dashes', '22-11-2026 08:05', { date: '2026-11-22', time: '08:05' }],
    ['ISO with T', '2026-11-22T23:15', { date: '2026-11-22', time: '23:15' }],
    ['ISO with seconds and zone', '2026-11-22T23:15:00Z', { date: '2026-11-22', time: '23:15' }],
    ['ISO with a space', '2026-11-22 23:15:00', { date: '2026-11-22', time: '23:15' }],
    ['date only', '22/11/2026', { date: '2026-11-22', time: null }],
    ['month name', '22 Nov 2026 23:15', { date: '2026-11-22', time: '23:15' }],
    ['Oracle style', '22-NOV-2026 23:15', { date: '2026-11-22', time: '23:15' }],
    ['Excel serial with time', '46348.96875', { date: '2026-11-22', time: '23:15' }],
    ['Excel serial, whole day', '46348', { date: '2026-11-22', time: null }],
    ['12-hour clock', '22/11/2026 11:15 pm', { date: '2026-11-22', time: '23:15' }],
    ['surrounding spaces', '  22/11/2026   23:15 ', { date: '2026-11-22', time: '23:15' }],
  ])('%s: %s', (_name, input, expected) => {
    expect(parseDateTime(input)).toEqual(expected);
  });

  it.each([
    ['a day that does not exist', '31/02/2026 10:00'],
    ['month 13', '01/13/2026'],
    ['an impossible time', '22/11/2026 25:61'],
    ['words', 'last friday'],
    ['blank', '   '],
    ['a stray number', '12345'],
    ['an NHS number', '4857773456'],
  ])('refuses %s', (_name, input) => {
    expect(parseDateTime(input)).toBeNull();
  });

  it('reads US-looking dates day-first, as UK extracts are', () => {
    expect(parseDate('03/04/2026')).toBe('2026-04-03');
  });

  it.each([
    ['23:15', '23:15'],
    ['2315', '23:15'],
    ['23.15', '23:15'],
    ['9:05', '09:05'],
    ['24:00', '23:59'],
    ['12:30 am', '00:30'],
    ['noon', null],
    ['7', null],
  ])('parseTime(%s) is %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });
});
