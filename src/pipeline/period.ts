/**
 * The reporting month of an extract: the month its file name gives, else the
 * month most of its rows fall in. Rows in other months are kept (they are real
 * attendances) and counted for the hospital; a file none of whose rows fall in
 * the month its name gives is flagged, since it is most likely another month's
 * extract saved under the wrong name.
 */
import { periodFromFileName } from './file-name.ts';

export class MonthCounter {
  private readonly counts = new Map<string, number>();

  add(month: string): void {
    this.counts.set(month, (this.counts.get(month) ?? 0) + 1);
  }

  /** The month with most rows; the earlier on a tie. */
  modal(): string | null {
    let best: string | null = null;
    let bestCount = 0;
    for (const [month, count] of this.counts) {
      if (count > bestCount || (count === bestCount && best !== null && month < best)) {
        best = month;
        bestCount = count;
      }
    }
    return best;
  }

  outside(period: string): number {
    let outside = 0;
    for (const [month, count] of this.counts) if (month !== period) outside += count;
    return outside;
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }
}

export interface ExtractPeriod {
  period: string;
  /** Accepted rows outside `period`. */
  outside: number;
  /** Set when the name gives a month and no accepted row falls in it. */
  flag: string | null;
}

export function extractPeriod(fileName: string, months: MonthCounter): ExtractPeriod | null {
  const named = periodFromFileName(fileName);
  const period = named ?? months.modal();
  if (period === null) return null;
  const outside = months.outside(period);
  const flag =
    named !== null && months.total > 0 && outside === months.total
      ? `None of the ${months.total} accepted rows falls in ${named}, the month the file name gives (most are in ${months.modal()}): check that this is the ${named} extract.`
      : null;
  return { period, outside, flag };
}
