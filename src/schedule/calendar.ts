/**
 * The slots of a cron schedule as dates, for any "now": the next slot after a
 * moment, the latest one at or before it, and every slot in between. node-cron
 * only answers "when next, from the real clock"; catching up after downtime and
 * testing with a controlled clock need the same answers for arbitrary moments.
 *
 * Which slots match is decided by node-cron itself (a stopped task's `match`), so
 * day-of-month, `L`, `W`, `#` and weekday rules mean exactly what they mean to the
 * live scheduler; this module only enumerates candidate wall-clock times.
 */
import cron, { type ScheduledTask } from 'node-cron';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `date` in `timezone`. */
export function wallClock(date: Date, timezone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function sameWallClock(a: WallClock, b: WallClock): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

/**
 * The instant a wall-clock time happens in `timezone`, or null when it does not
 * exist (the hour skipped when the clocks go forward). A time that happens twice
 * (clocks going back) gives the earlier instant.
 */
export function instantOf(time: WallClock, timezone: string): Date | null {
  const asIfUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const candidates = new Set<number>();
  // The zone's offset is at most a day either side of UTC; probe the offsets around the guess.
  for (const probe of [asIfUtc - 86_400_000, asIfUtc, asIfUtc + 86_400_000]) {
    const reading = wallClock(new Date(probe), timezone);
    const offset = Date.UTC(reading.year, reading.month - 1, reading.day, reading.hour, reading.minute, reading.second) - probe;
    candidates.add(asIfUtc - offset);
  }
  const matching = [...candidates].filter((instant) => sameWallClock(wallClock(new Date(instant), timezone), time)).sort((a, b) => a - b);
  return matching.length > 0 ? new Date(matching[0]!) : null;
}

function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** How far a walk looks before giving up: an expression like "0 0 30 2 *" never matches. */
const MAXIMUM_DAYS_WALKED = 366 * 5;

export class SlotCalendar {
  readonly expression: string;
  readonly timezone: string;
  private readonly matcher: ScheduledTask;
  private readonly times: Array<{ hour: number; minute: number; second: number }>;

  constructor(expression: string, timezone: string) {
    const fields = cron.parse(expression);
    this.expression = expression;
    this.timezone = timezone;
    // Created and never started: used only for its `match`.
    this.matcher = cron.createTask(expression, () => undefined, { timezone, name: `calendar ${expression}` });
    const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
    this.times = [];
    for (const hour of ascending(fields.hour)) {
      for (const minute of ascending(fields.minute)) {
        for (const second of ascending(fields.second)) this.times.push({ hour, minute, second });
      }
    }
  }

  /**
   * The first slot of a local day strictly after `after` (direction 1), or the
   * last at or before it (direction -1). On the day of `bound` itself, times more
   * than an hour on the wrong side of its wall clock are skipped without being
   * converted, which keeps a per-second expression cheap; on a day the clocks
   * change, an hour of margin keeps the hour repeated when they go back.
   */
  private slotOfDay(day: { year: number; month: number; day: number }, bound: Date, boundClock: WallClock | null, direction: 1 | -1): Date | null {
    const boundSeconds = boundClock ? boundClock.hour * 3600 + boundClock.minute * 60 + boundClock.second : 0;
    const margin = boundClock && this.clocksChangeOn(day) ? 3600 : 0;
    for (let index = 0; index < this.times.length; index++) {
      const time = this.times[direction === 1 ? index : this.times.length - 1 - index]!;
      if (boundClock) {
        const seconds = time.hour * 3600 + time.minute * 60 + time.second;
        if (direction === 1 ? seconds < boundSeconds - margin : seconds > boundSeconds + margin) continue;
      }
      const instant = instantOf({ ...day, ...time }, this.timezone);
      if (!instant) continue;
      if (direction === 1 ? instant.getTime() <= bound.getTime() : instant.getTime() > bound.getTime()) continue;
      if (this.matcher.match(instant)) return instant;
    }
    return null;
  }

  /** Whether the zone's offset from UTC differs between the start and the end of a local day. */
  private clocksChangeOn(day: { year: number; month: number; day: number }): boolean {
    const offsetAt = (hour: number) => {
      const instant = instantOf({ ...day, hour, minute: 0, second: 0 }, this.timezone);
      return instant === null ? null : Date.UTC(day.year, day.month - 1, day.day, hour) - instant.getTime();
    };
    const morning = offsetAt(0);
    return morning === null || morning !== offsetAt(23);
  }

  /** The first slot strictly after `after`. */
  next(after: Date): Date {
    const start = wallClock(after, this.timezone);
    for (let offset = 0; offset <= MAXIMUM_DAYS_WALKED; offset++) {
      const found = this.slotOfDay(addDays(start.year, start.month, start.day, offset), after, offset === 0 ? start : null, 1);
      if (found) return found;
    }
    throw new Error(`Cron expression "${this.expression}" has no slot in the ${MAXIMUM_DAYS_WALKED} days after ${after.toISOString()}`);
  }

  /** The latest slot at or before `atOrBefore`, or null if there is none within five years. */
  latest(atOrBefore: Date): Date | null {
    const start = wallClock(atOrBefore, this.timezone);
    for (let offset = 0; offset <= MAXIMUM_DAYS_WALKED; offset++) {
      const found = this.slotOfDay(addDays(start.year, start.month, start.day, -offset), atOrBefore, offset === 0 ? start : null, -1);
      if (found) return found;
    }
    return null;
  }

  /** Every slot in (after, until], earliest first. */
  between(after: Date, until: Date): Date[] {
    const slots: Date[] = [];
    let cursor = after;
    for (;;) {
      const slot = this.next(cursor);
      if (slot.getTime() > until.getTime()) return slots;
      slots.push(slot);
      cursor = slot;
    }
  }

  /** Removes the matcher task from node-cron's registry. */
  dispose(): void {
    void this.matcher.destroy();
  }
}
