/**
 * The count-table model: what aggregation produces and disclosure control takes
 * in. A `CountTable` holds true counts; only the disclose stage turns tables into
 * something a report may show (see ../disclose/types.ts).
 */

export interface Dimension {
  /** Machine name, e.g. "lsoa", "weapon", "month". */
  name: string;
  label: string;
  /** Category values in display order (excluding the total). */
  values: string[];
  /** Human labels of values, where they differ from the value. */
  valueLabels?: Record<string, string>;
  /**
   * For hierarchical dimensions (LSOA → ward → borough; weapon → all weapons;
   * month → quarter → year): value → parent value. Parents are values of the
   * same dimension at a higher level; the top is the table's total.
   */
  parents?: Record<string, string>;
}

export interface CountCell {
  /** One value per dimension, keyed by dimension name. A key equal to TOTAL is a margin. */
  keys: Record<string, string>;
  count: number;
}

export const TOTAL = '__total__';

export interface CountTable {
  id: string;
  title: string;
  dimensions: Dimension[];
  /** Interior cells; margins are derived by the disclose module. Zero cells may be omitted. */
  cells: CountCell[];
}
