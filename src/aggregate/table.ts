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
  /**
   * When each value of this dimension is a group of values of another
   * dimension (a ward is a set of LSOAs under the public ONS lookup; a twelve-
   * month period is a set of months): that dimension's name and the members of
   * each value. A reader knows these groupings, so a ward cell in one table
   * equals the sum of its LSOA cells in another, and disclosure control links
   * them. A value without members is linked to nothing.
   */
  of?: { dimension: string; members: Record<string, string[]> };
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
  /** What the table counts, and over which records: see `TableScope`. */
  scope?: TableScope;
}

/**
 * The records a table counts, beyond its own dimensions, as a reader knows it
 * from the title: `{ filters: { month: [twelve months] } }` for a rolling-year
 * table. Two cells of any tables (of this release or of one published before)
 * whose dimension values and scopes select the same records are the same
 * number; one whose records contain another's is at least as big. `unit` names
 * what is counted when it is not attendances (people, for repeat attendances),
 * so such a table is never tied to the others.
 */
export interface TableScope {
  filters?: Record<string, string[]>;
  unit?: string;
}
