/**
 * The table model that every report passes through before publication.
 * Aggregation produces `CountTable`s (true counts); disclosure control turns a
 * set of them, all for one audience and month, into a `ProtectedRelease` whose
 * cells can be shown as they are. Only the disclose module produces a
 * `ProtectedRelease`, so a renderer that takes one cannot show a raw count.
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
 * from the title: `{ month: [twelve months] }` for a rolling-year table. Two
 * cells of any tables (of this release or of one published before) whose
 * dimension values and scopes select the same records are the same number;
 * one whose records contain another's is at least as big. `unit` names what
 * is counted when it is not attendances (people, for repeat attendances), so
 * such a table is never tied to the others.
 */
export interface TableScope {
  filters?: Record<string, string[]>;
  unit?: string;
}

export type CellStatus = 'published' | 'rounded' | 'primary_suppressed' | 'secondary_suppressed' | 'banded';

export interface ProtectedCell {
  keys: Record<string, string>;
  /** The number that may be shown, or null when the cell is suppressed or banded. */
  value: number | null;
  /** What to print: "15", "*", "1 to 4", "0". */
  display: string;
  status: CellStatus;
}

export interface ProtectedTable {
  id: string;
  title: string;
  dimensions: Dimension[];
  /** Interior cells and margins (keys with TOTAL), every combination present. */
  cells: ProtectedCell[];
  /** The table's scope, published so that a reader (and a later audit) can link it as disclosure control did. */
  scope?: TableScope;
}

export interface ProtectedRelease {
  audience: string;
  /** Reporting month, YYYY-MM (or a range label for trend releases). */
  period: string;
  tables: ProtectedTable[];
  /** A short statement of the method and thresholds used, printed with every output. */
  methodStatement: string;
}

/**
 * - `sensitive_shown`: a count the policy protects is shown exactly or rounded.
 * - `too_narrow`: a reader can bound a protected count to an interval narrower
 *   than the policy's protection width (`pinned` when it is worked out exactly).
 * - `misstated`: what a cell shows does not hold the true count (a wrong
 *   rounding, a suppressed zero where zeros are shown, a changed number).
 * - `unmatched`: a release table or cell that the original tables do not have.
 */
export type AuditFindingKind = 'sensitive_shown' | 'too_narrow' | 'pinned' | 'misstated' | 'unmatched';

export interface AuditFinding {
  kind: AuditFindingKind;
  tableId: string;
  /** A cell where the quantity is shown (keys with TOTAL for margins). */
  keys: Record<string, string>;
  /** The interval a reader can derive, for `too_narrow` and `pinned`. */
  lower?: number;
  upper?: number;
  requiredWidth?: number;
  /** Plain statement of the problem; names dimension codes and bounds, never a true count. */
  message: string;
}
