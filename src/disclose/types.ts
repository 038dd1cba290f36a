/**
 * The table model that every report passes through before publication.
 * Aggregation produces `CountTable`s (true counts); disclosure control turns a
 * set of them, all for one audience and month, into a `ProtectedRelease` whose
 * cells can be shown as they are. Only the disclose module produces a
 * `ProtectedRelease`, so a renderer that takes one cannot show a raw count.
 */

// The tables disclosure control takes in are aggregation's output; they are
// defined with it and named here too, since every report imports this module.
import type { CountCell, CountTable, Dimension, TableScope } from '../aggregate/table.ts';
import { TOTAL } from '../aggregate/table.ts';
import type { Audience } from '../config/audience.ts';

export { TOTAL, type CountCell, type CountTable, type Dimension, type TableScope };

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
  audience: Audience;
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
