/**
 * Choropleth classes computed from the values a map shows, so that no class is
 * empty and every legend entry describes at least one area.
 *
 * - 0 is a class of its own when some area shows 0: "none" must not share a
 *   colour with "a few".
 * - With at most `maxClasses` distinct positive values, each value is its own
 *   class (a month with counts 1, 2 and 5 reads "1", "2", "5", not "1–13").
 * - Otherwise the positive values are cut at their quantiles, each break
 *   rounded (whole numbers for counts, two significant figures for rates);
 *   breaks that round together, and classes no value falls in, are dropped.
 * - All zeros gives the single class "0"; no values gives no class.
 */
const ZERO_FILL = '#f7fbff';
/** ColorBrewer Blues, light to dark, for the positive classes. */
const POSITIVE_FILLS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];

export interface MapClass {
  /** Lowest value in the class (inclusive). */
  low: number;
  /** Highest value in the class (inclusive). */
  high: number;
  /** Legend text: "0", "3", "4–7", "1.2–3.5". */
  label: string;
  fill: string;
  /** How many of the values fall in the class (never 0). */
  count: number;
}

export interface ClassOptions {
  /** Positive classes at most (default and maximum 4: the palette's length). */
  maxClasses?: number;
}

export function formatClassValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-GB');
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 1 : 2;
  return value.toFixed(digits);
}

/** Two significant figures, the precision a legend can carry for a rate. */
function roundSignificant(value: number): number {
  if (value === 0) return 0;
  const magnitude = Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/** The value at quantile q (0..1) of sorted values, by linear interpolation (type 7, as R and d3). */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function spreadFills(count: number): string[] {
  if (count === 1) return [POSITIVE_FILLS[2]!];
  const last = POSITIVE_FILLS.length - 1;
  return Array.from({ length: count }, (_, index) => POSITIVE_FILLS[Math.round((index * last) / (count - 1))]!);
}

export function mapClasses(values: readonly number[], options: ClassOptions = {}): MapClass[] {
  const maxClasses = Math.max(1, Math.min(options.maxClasses ?? POSITIVE_FILLS.length, POSITIVE_FILLS.length));
  const finite = values.filter((value) => Number.isFinite(value));
  const classes: MapClass[] = [];
  const zeros = finite.filter((value) => value <= 0).length;
  if (zeros > 0) classes.push({ low: 0, high: 0, label: '0', fill: ZERO_FILL, count: zeros });
  const positive = finite.filter((value) => value > 0).sort((a, b) => a - b);
  if (positive.length === 0) return classes;
  const whole = positive.every((value) => Number.isInteger(value));
  const distinct = [...new Set(positive)];
  let uppers: number[];
  const onePerValue = distinct.length <= maxClasses;
  if (onePerValue) {
    uppers = distinct;
  } else {
    const round = whole ? Math.round : roundSignificant;
    const breaks = Array.from({ length: maxClasses - 1 }, (_, index) => round(quantile(positive, (index + 1) / maxClasses)));
    uppers = [...new Set([...breaks.filter((value) => value >= positive[0]! && value < positive.at(-1)!), positive.at(-1)!])].sort((a, b) => a - b);
  }
  // Members of each class; a class nothing falls in is merged into the next.
  const positiveClasses: Array<{ low: number; high: number; count: number }> = [];
  let start = 0;
  for (const upper of uppers) {
    let end = start;
    while (end < positive.length && positive[end]! <= upper) end += 1;
    if (end > start) positiveClasses.push({ low: positive[start]!, high: upper, count: end - start });
    start = end;
  }
  const fills = spreadFills(positiveClasses.length);
  positiveClasses.forEach((entry, index) => {
    const previous = positiveClasses[index - 1];
    // Whole numbers: a class reads from one past the previous break ("4–7"); rates: from the lowest value in it.
    const low = whole && previous && !onePerValue ? previous.high + 1 : entry.low;
    const label = low === entry.high ? formatClassValue(low) : `${formatClassValue(low)}–${formatClassValue(entry.high)}`;
    classes.push({ low, high: entry.high, label, fill: fills[index]!, count: entry.count });
  });
  return classes;
}

/** The class a value falls in (the first whose upper bound it does not exceed), or null when there is none. */
export function classOf(value: number, classes: readonly MapClass[]): MapClass | null {
  if (classes.length === 0) return null;
  if (value <= 0) return classes[0]!.high === 0 ? classes[0]! : null;
  return classes.find((entry) => entry.high > 0 && value <= entry.high) ?? classes.at(-1)!;
}
