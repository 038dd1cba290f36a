/**
 * A small bounded-variable primal simplex, written for one job: the tightest
 * bounds an attacker can put on one cell of a table, given everything published.
 *
 *   minimise / maximise  x_k
 *   subject to           lower_r <= sum_j a_rj x_j <= upper_r   (one row per published relation)
 *                        lower_j <= x_j <= upper_j
 *
 * Two things make it simpler than a general solver. The true counts are a
 * feasible point, so there is no phase 1: the solver starts from them, with the
 * structural variables nonbasic *between* their bounds (superbasic) and the
 * row activities basic. And the many bounds asked of one model (min and max of
 * every suppressed cell) are solved one after another from the last optimal
 * basis, so each costs a few pivots rather than a fresh solve.
 *
 * The tableau is dense (rows × columns) but pivots only touch the non-zeros of
 * the pivot row and column; tables of counts give 0/±1 coefficients and
 * near-integral tableaux, so plain tolerances are enough. Dantzig pricing is used
 * until the objective stalls, then Bland's rule, which cannot cycle.
 */

export interface LinearRow {
  /** Column indices of the structural variables in the row. */
  indices: number[];
  coefficients: number[];
  lower: number;
  upper: number;
}

export interface SimplexProblem {
  /** Per structural variable. `upper` may be Infinity; `lower` must be finite. */
  lower: number[];
  upper: number[];
  rows: LinearRow[];
  /** A point satisfying every row and bound (the true counts). */
  feasiblePoint: number[];
}

export interface BoundResult {
  /** The optimum, or ±Infinity when the direction is unbounded. */
  value: number;
  /** Rows whose bounds hold the optimum where it is: loosening one of them could move it. */
  bindingRows: number[];
  /** Structural variables whose own bounds hold the optimum. */
  bindingVariables: number[];
  /** False when the solve stopped early: `value` is then feasible but not optimal (an inner bound). */
  exact: boolean;
}

const EPSILON = 1e-9;
const STALL_LIMIT = 30;

export class InfeasibleStartError extends Error {}

export class BoundedSimplex {
  readonly rowCount: number;
  readonly variableCount: number;
  private readonly width: number;
  private readonly tableau: Float64Array;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly value: Float64Array;
  /** basis[r] = the column basic in row r. */
  private readonly basis: Int32Array;
  /** Row a column is basic in, or -1. */
  private readonly basicRow: Int32Array;
  private readonly iterationLimit: number;

  constructor(problem: SimplexProblem) {
    const n = problem.lower.length;
    const m = problem.rows.length;
    if (problem.upper.length !== n || problem.feasiblePoint.length !== n) {
      throw new Error(`Unexpected problem shape: ${n} lower bounds, ${problem.upper.length} upper bounds, ${problem.feasiblePoint.length} start values`);
    }
    this.variableCount = n;
    this.rowCount = m;
    this.width = n + m;
    this.tableau = new Float64Array(m * this.width);
    this.lower = new Float64Array(this.width);
    this.upper = new Float64Array(this.width);
    this.value = new Float64Array(this.width);
    this.basis = new Int32Array(m);
    this.basicRow = new Int32Array(this.width).fill(-1);
    this.iterationLimit = 5 * (n + m) + 1000;
    for (let j = 0; j < n; j++) {
      const lower = problem.lower[j]!;
      const upper = problem.upper[j]!;
      const start = problem.feasiblePoint[j]!;
      if (!Number.isFinite(lower) || !(upper >= lower)) throw new Error(`Unexpected bounds for variable ${j}: [${lower}, ${upper}]`);
      if (start < lower - 1e-7 || start > upper + 1e-7) throw new InfeasibleStartError(`Start value of variable ${j} is outside its bounds`);
      this.lower[j] = lower;
      this.upper[j] = upper;
      this.value[j] = start;
    }
    // Row r reads  s_r - sum_j a_rj x_j = 0  with the logical s_r basic: the
    // coefficient of a basic column is 1 in its row and 0 elsewhere.
    problem.rows.forEach((row, r) => {
      const offset = r * this.width;
      let activity = 0;
      row.indices.forEach((j, position) => {
        const coefficient = row.coefficients[position]!;
        this.tableau[offset + j]! -= coefficient;
        activity += coefficient * problem.feasiblePoint[j]!;
      });
      const logical = n + r;
      this.tableau[offset + logical] = 1;
      if (activity < row.lower - 1e-7 || activity > row.upper + 1e-7) {
        throw new InfeasibleStartError(`Start point breaks row ${r}: activity outside [${row.lower}, ${row.upper}]`);
      }
      this.lower[logical] = row.lower;
      this.upper[logical] = row.upper;
      this.value[logical] = activity;
      this.basis[r] = logical;
      this.basicRow[logical] = r;
    });
  }

  /** The column index of row r's activity, usable as an objective. */
  rowColumn(row: number): number {
    return this.variableCount + row;
  }

  minimize(column: number): BoundResult {
    return this.optimize(column, 1);
  }

  maximize(column: number): BoundResult {
    return this.optimize(column, -1);
  }

  /** Minimises sense × x_column from the current (feasible) point. */
  private optimize(column: number, sense: 1 | -1): BoundResult {
    const width = this.width;
    const m = this.rowCount;
    const tableau = this.tableau;
    let stalled = 0;
    // Once the objective has stalled, Bland's rule stays on for the rest of this
    // solve: switching back could re-enter the same degenerate cycle.
    let useBland = false;
    for (let iteration = 0; ; iteration++) {
      // Out of patience (very slow progress on a badly degenerate model): the
      // current point is feasible, so its value is an inner bound, an interval
      // no wider than the true one. Callers treat it as the attacker knowing more,
      // which errs on the safe side.
      if (iteration > this.iterationLimit) return { value: this.value[column]!, bindingRows: [], bindingVariables: [], exact: false };
      const objectiveRow = this.basicRow[column]!;
      if (stalled > STALL_LIMIT) useBland = true;
      // Reduced cost of nonbasic j is sense × (j === column) − sense × T[objectiveRow][j].
      let entering = -1;
      let enteringDirection = 0;
      let best = 0;
      const consider = (j: number, reducedCost: number) => {
        let direction = 0;
        if (reducedCost < -EPSILON && this.value[j]! < this.upper[j]! - EPSILON) direction = 1;
        else if (reducedCost > EPSILON && this.value[j]! > this.lower[j]! + EPSILON) direction = -1;
        if (direction === 0) return;
        const size = Math.abs(reducedCost);
        if (entering === -1 || (useBland ? j < entering : size > best)) {
          entering = j;
          enteringDirection = direction;
          best = size;
        }
      };
      if (objectiveRow === -1) {
        consider(column, sense);
      } else {
        const offset = objectiveRow * width;
        for (let j = 0; j < width; j++) {
          const coefficient = tableau[offset + j]!;
          if (coefficient === 0 || this.basicRow[j] !== -1) continue;
          consider(j, -sense * coefficient);
        }
      }
      if (entering === -1) {
        return { value: this.value[column]!, ...this.binding(column), exact: true };
      }

      // Ratio test: how far can x_entering move before something hits a bound?
      let step = enteringDirection > 0 ? this.upper[entering]! - this.value[entering]! : this.value[entering]! - this.lower[entering]!;
      let leavingRow = -1;
      let leavingRate = 0;
      for (let r = 0; r < m; r++) {
        const coefficient = tableau[r * width + entering]!;
        if (Math.abs(coefficient) < EPSILON) continue;
        const rate = -coefficient * enteringDirection;
        const basic = this.basis[r]!;
        const room = rate > 0 ? (this.upper[basic]! - this.value[basic]!) / rate : (this.lower[basic]! - this.value[basic]!) / rate;
        const limit = Math.max(0, room);
        let take = false;
        if (limit < step - EPSILON) take = true;
        else if (limit <= step + EPSILON && leavingRow !== -1) {
          // A tie between rows: Bland takes the lowest column (it cannot cycle);
          // otherwise the largest rate, the numerically safest pivot.
          take = useBland ? basic < this.basis[leavingRow]! : Math.abs(rate) > Math.abs(leavingRate);
        }
        if (take) {
          step = Math.min(step, limit);
          leavingRow = r;
          leavingRate = rate;
        }
      }
      if (step === Infinity) {
        return { value: sense > 0 ? -Infinity : Infinity, bindingRows: [], bindingVariables: [], exact: true };
      }
      stalled = step > 1e-7 ? 0 : stalled + 1;

      this.value[entering]! += enteringDirection * step;
      for (let r = 0; r < m; r++) {
        const coefficient = tableau[r * width + entering]!;
        if (coefficient !== 0) this.value[this.basis[r]!]! -= coefficient * enteringDirection * step;
      }
      if (leavingRow === -1) continue; // the entering variable reached its own other bound
      const leaving = this.basis[leavingRow]!;
      this.value[leaving] = leavingRate > 0 ? this.upper[leaving]! : this.lower[leaving]!;
      this.pivot(leavingRow, entering);
    }
  }

  private pivot(pivotRow: number, entering: number): void {
    const width = this.width;
    const tableau = this.tableau;
    const pivotOffset = pivotRow * width;
    const pivotValue = tableau[pivotOffset + entering]!;
    const nonZero: number[] = [];
    for (let j = 0; j < width; j++) {
      const coefficient = tableau[pivotOffset + j]!;
      if (coefficient === 0) continue;
      const scaled = coefficient / pivotValue;
      tableau[pivotOffset + j] = Math.abs(scaled) < 1e-12 ? 0 : scaled;
      if (tableau[pivotOffset + j] !== 0) nonZero.push(j);
    }
    tableau[pivotOffset + entering] = 1;
    for (let r = 0; r < this.rowCount; r++) {
      if (r === pivotRow) continue;
      const offset = r * width;
      const factor = tableau[offset + entering]!;
      if (factor === 0) continue;
      for (const j of nonZero) {
        const updated = tableau[offset + j]! - factor * tableau[pivotOffset + j]!;
        tableau[offset + j] = Math.abs(updated) < 1e-12 ? 0 : updated;
      }
      tableau[offset + entering] = 0;
    }
    const leaving = this.basis[pivotRow]!;
    this.basicRow[leaving] = -1;
    this.basis[pivotRow] = entering;
    this.basicRow[entering] = pivotRow;
  }

  /** Nonbasic columns with a non-zero reduced cost sit on a bound that holds the optimum. */
  private binding(column: number): Pick<BoundResult, 'bindingRows' | 'bindingVariables'> {
    const bindingRows: number[] = [];
    const bindingVariables: number[] = [];
    const note = (j: number) => (j >= this.variableCount ? bindingRows.push(j - this.variableCount) : bindingVariables.push(j));
    const objectiveRow = this.basicRow[column]!;
    if (objectiveRow === -1) {
      note(column);
    } else {
      const offset = objectiveRow * this.width;
      for (let j = 0; j < this.width; j++) {
        if (this.basicRow[j] === -1 && Math.abs(this.tableau[offset + j]!) > EPSILON) note(j);
      }
    }
    return { bindingRows, bindingVariables };
  }
}
