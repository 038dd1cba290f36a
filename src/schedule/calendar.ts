/**
 * The slots of a cron schedule as dates, for any "now": the next slot after a
 * moment, the latest one at or before it, and every slot in between. node-cron
 * only answers "when next, from the real clock"; catching up after downtime and
 * testing with a controlled clock need the same answers for arbitrary moments.
 *
 * cron-parser enumerates the candidate times (in the schedule's time zone);
 * node-cron's own matcher (a stopped task's `match`) then keeps only those the
 * live scheduler would run at. The two disagree on one thing: cron-parser moves
 * a time skipped when the clocks go forward to the hour after, while node-cron,
 * which compares the wall clock each second, never sees it and so never runs it.
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';
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

/** How far a walk looks before giving up: an expression like "0 0 29 2 1" matches rarely. */
const MAXIMUM_DAYS_WALKED = 366 * 5;
const DAY_MILLISECONDS = 86_400_000;

export class SlotCalendar {
  readonly expression: string;
  readonly timezone: string;
  private readonly matcher: ScheduledTask;

  constructor(expression: string, timezone: string) {
    this.expression = expression;
    this.timezone = timezone;
    // Created and never started: node-cron validates the expression (naming what is wrong) and then serves for its `match`.
    this.matcher = cron.createTask(expression, () => undefined, { timezone, name: `calendar ${expression}` });
  }

  private candidates(from: Date): CronExpression {
    return CronExpressionParser.parse(this.expression, { currentDate: from, tz: this.timezone });
  }

  /** The first slot the live scheduler would run at, walking from `from` in `direction`, within the walk's limit. */
  private walk(from: Date, direction: 1 | -1): Date | null {
    const limit = from.getTime() + direction * MAXIMUM_DAYS_WALKED * DAY_MILLISECONDS;
    const candidates = this.candidates(from);
    for (;;) {
      if (direction === 1 ? !candidates.hasNext() : !candidates.hasPrev()) return null;
      const instant = (direction === 1 ? candidates.next() : candidates.prev()).toDate();
      if (direction === 1 ? instant.getTime() > limit : instant.getTime() < limit) return null;
      if (this.matcher.match(instant)) return instant;
    }
  }

  /** The first slot strictly after `after`. */
  next(after: Date): Date {
    const found = this.walk(after, 1);
    if (!found) throw new Error(`Cron expression "${this.expression}" has no slot in the ${MAXIMUM_DAYS_WALKED} days after ${after.toISOString()}`);
    return found;
  }

  /** The latest slot at or before `atOrBefore`, or null if there is none within five years. */
  latest(atOrBefore: Date): Date | null {
    // cron-parser looks strictly before; slots fall on whole seconds, so a millisecond later includes the moment itself.
    return this.walk(new Date(atOrBefore.getTime() + 1), -1);
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
