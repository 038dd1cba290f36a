import cron from 'node-cron';
import { afterAll, describe, expect, it } from 'vitest';
import { instantOf, SlotCalendar } from '../../src/schedule/calendar.ts';

const calendars: SlotCalendar[] = [];
function calendar(expression: string, timezone = 'Europe/London'): SlotCalendar {
  const made = new SlotCalendar(expression, timezone);
  calendars.push(made);
  return made;
}
afterAll(() => calendars.forEach((made) => made.dispose()));

describe('SlotCalendar.next', () => {
  it.each([
    ['the 10th at 06:00 in winter is 06:00 UTC', '0 6 10 * *', '2026-01-01T00:00:00Z', '2026-01-10T06:00:00.000Z'],
    ['the 10th at 06:00 in summer is 05:00 UTC (BST)', '0 6 10 * *', '2026-04-01T00:00:00Z', '2026-04-10T05:00:00.000Z'],
    ['strictly after: a slot at the very moment is not next', '0 6 10 * *', '2026-01-10T06:00:00Z', '2026-02-10T06:00:00.000Z'],
    ['every 15 minutes', '*/15 * * * *', '2026-11-23T10:07:30Z', '2026-11-23T10:15:00.000Z'],
    ['every 15 minutes across midnight', '*/15 * * * *', '2026-11-23T23:50:00Z', '2026-11-24T00:00:00.000Z'],
    ['a time skipped when the clocks go forward does not happen that day', '30 1 * * *', '2026-03-28T12:00:00Z', '2026-03-30T00:30:00.000Z'],
    ['a time repeated when the clocks go back happens once, the first time', '30 1 * * *', '2026-10-25T00:00:00Z', '2026-10-25T00:30:00.000Z'],
    ['a daily time repeated when the clocks go back is not run again the second time', '30 1 * * *', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00.000Z'],
    ['the last day of the month (L)', '0 9 L * *', '2026-02-01T00:00:00Z', '2026-02-28T09:00:00.000Z'],
    ['the first Monday (1#1)', '0 7 * * 1#1', '2026-11-03T00:00:00Z', '2026-12-07T07:00:00.000Z'],
    ['another time zone (Auckland in summer is UTC+13)', '0 6 10 * *', '2026-01-01T00:00:00Z', '2026-01-09T17:00:00.000Z', 'Pacific/Auckland'],
  ])('%s', (_behaviour, expression, after, expected, timezone = 'Europe/London') => {
    expect(calendar(expression, timezone).next(new Date(after)).toISOString()).toBe(expected);
  });

  it('agrees with node-cron’s own next runs from the real clock', () => {
    for (const expression of ['*/15 * * * *', '0 6 10 * *', '30 6 * * *', '15 3 * * *', '0 0 1 1 *']) {
      const task = cron.createTask(expression, () => undefined, { timezone: 'Europe/London' });
      const expected = task.getNextRuns(3).map((date) => date.toISOString());
      void task.destroy();
      const slots: string[] = [];
      let cursor = new Date();
      for (let i = 0; i < 3; i++) {
        cursor = calendar(expression).next(cursor);
        slots.push(cursor.toISOString());
      }
      expect(slots, expression).toEqual(expected);
    }
  });
});

describe('SlotCalendar.latest and between', () => {
  it.each([
    ['the slot itself counts as at-or-before', '0 6 10 * *', '2026-09-10T05:00:00Z', '2026-09-10T05:00:00.000Z'],
    ['the month before when this month’s slot is still to come', '0 6 10 * *', '2026-09-09T23:00:00Z', '2026-08-10T05:00:00.000Z'],
    ['every 15 minutes', '*/15 * * * *', '2026-11-23T10:07:30Z', '2026-11-23T10:00:00.000Z'],
  ])('latest: %s', (_behaviour, expression, at, expected) => {
    expect(calendar(expression).latest(new Date(at))?.toISOString()).toBe(expected);
  });

  it('a leap-day schedule looks back years for its latest slot', () => {
    expect(calendar('0 0 29 2 *').latest(new Date('2026-11-23T00:00:00Z'))?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('node-cron refuses an expression that can never match, naming it', () => {
    expect(() => calendar('0 0 30 2 *')).toThrow('30 2 is an impossible day of month');
  });

  it('between lists every missed monthly slot across a clock change, earliest first', () => {
    const slots = calendar('0 6 10 * *').between(new Date('2026-08-01T00:00:00Z'), new Date('2026-12-10T06:00:00Z'));
    expect(slots.map((slot) => slot.toISOString())).toEqual([
      '2026-08-10T05:00:00.000Z',
      '2026-09-10T05:00:00.000Z',
      '2026-10-10T05:00:00.000Z',
      '2026-11-10T06:00:00.000Z',
      '2026-12-10T06:00:00.000Z',
    ]);
  });
});

describe('instantOf', () => {
  it.each([
    ['winter wall clock is UTC', { year: 2026, month: 1, day: 15, hour: 12, minute: 0, second: 0 }, '2026-01-15T12:00:00.000Z'],
    ['summer wall clock is UTC+1', { year: 2026, month: 7, day: 15, hour: 12, minute: 0, second: 0 }, '2026-07-15T11:00:00.000Z'],
    ['the skipped hour does not exist', { year: 2026, month: 3, day: 29, hour: 1, minute: 30, second: 0 }, null],
    ['the repeated hour gives its first instant', { year: 2026, month: 10, day: 25, hour: 1, minute: 30, second: 0 }, '2026-10-25T00:30:00.000Z'],
  ])('%s', (_behaviour, time, expected) => {
    expect(instantOf(time, 'Europe/London')?.toISOString() ?? null).toBe(expected);
  });
});
