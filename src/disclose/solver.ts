/**
 * The linear and integer programs of disclosure control, solved by HiGHS (the
 * University of Edinburgh's solver, compiled to WebAssembly: npm `highs`).
 * Loaded once when the module is first imported, so the disclose API stays
 * synchronous.
 */
import highsModule, { type Highs } from 'highs';

// The package ships CommonJS types for an ES module build: under NodeNext the default import types as the CommonJS exports object.
type Loader = typeof highsModule.default;
const loadHighs = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as unknown as Loader;
const highs: Highs = await loadHighs();

/** A program over columns with bounds, and rows `lower <= Σ coefficient·x <= upper`. */
export interface LinearProgram {
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  rows: Array<{ indices: number[]; coefficients: number[]; lower: number; upper: number }>;
  /** Every column a whole number. */
  integer?: boolean;
  /** Branch-and-bound nodes before an integer program gives up (the answer is then not `optimal`): a count, not a time, so the protector and the auditor reach the same answer on a busy machine. */
  nodeLimit?: number;
}

export interface Extreme {
  /** The optimum of the column (±Infinity when unbounded). */
  value: number;
  /** Column values at the optimum (empty when unbounded). */
  point: Float64Array;
  /** Reduced costs and row duals (LPs only): which bounds and rows hold the optimum where it is. */
  columnDuals: Float64Array;
  rowDuals: Float64Array;
  /** False when the solver stopped at a limit: `value` is then NaN. */
  optimal: boolean;
}

const finite = (value: number) => (value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value);

/**
 * One program kept in the solver, so that bounding one column after another
 * starts from the last basis (only the objective changes).
 */
export class ProgramSolver {
  private readonly model;
  private objectiveColumn = -1;
  private weighted: number[] = [];

  constructor(program: LinearProgram) {
    const numCols = program.lower.length;
    const numRows = program.rows.length;
    const starts = new Int32Array(numRows + 1);
    let nonZeros = 0;
    program.rows.forEach((row, index) => {
      nonZeros += row.indices.length;
      starts[index + 1] = nonZeros;
    });
    const indices = new Int32Array(nonZeros);
    const values = new Float64Array(nonZeros);
    let at = 0;
    for (const row of program.rows) {
      row.indices.forEach((column, k) => {
        indices[at] = column;
        values[at++] = row.coefficients[k]!;
      });
    }
    this.model = highs.createModel({
      numCols,
      numRows,
      colCost: new Float64Array(numCols),
      colLower: Float64Array.from(program.lower, finite),
      colUpper: Float64Array.from(program.upper, finite),
      rowLower: Float64Array.from(program.rows, (row) => finite(row.lower)),
      rowUpper: Float64Array.from(program.rows, (row) => finite(row.upper)),
      matrix: { format: 'csr', numRows, numCols, starts, indices, values },
      ...(program.integer ? { integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer) } : {}),
    });
    // Linear programs: dual simplex without presolve, so that a re-solve after a change of objective or bounds starts from the
    // last basis. Measured on the bench's releases: the primal simplex took ten times the CPU time at 2,000 LSOAs, and presolve
    // would discard the basis.
    const options: Record<string, string | number | boolean> = { output_flag: false };
    if (!program.integer) Object.assign(options, { presolve: 'off', solver: 'simplex', simplex_strategy: 1 });
    if (program.nodeLimit) options.mip_max_nodes = program.nodeLimit;
    this.model.options.set(options);
  }

  /** Changes one column's bounds (Infinity for none). */
  setBounds(column: number, lower: number, upper: number): void {
    this.model.changeColBounds(column, finite(lower), finite(upper));
  }

  /**
   * Maximum or minimum of one column over the program, from the last basis
   * (`fresh`: from scratch, so that which optimal vertex is found does not
   * depend on what was solved before).
   */
  extreme(column: number, sense: 'max' | 'min', fresh = false): Extreme {
    if (this.objectiveColumn !== column) {
      this.clearObjective();
      this.model.changeColCost(column, 1);
      this.objectiveColumn = column;
    }
    return this.solve(sense, fresh);
  }

  /** Maximum or minimum of a weighted sum of columns (`objective`: column → weight). */
  optimum(objective: Map<number, number>, sense: 'max' | 'min'): Extreme {
    this.clearObjective();
    for (const [column, weight] of objective) this.model.changeColCost(column, weight);
    this.weighted = [...objective.keys()];
    return this.solve(sense, false);
  }


  private clearObjective(): void {
    if (this.objectiveColumn !== -1) this.model.changeColCost(this.objectiveColumn, 0);
    this.objectiveColumn = -1;
    for (const column of this.weighted) this.model.changeColCost(column, 0);
    this.weighted = [];
  }

  private solve(sense: 'max' | 'min', fresh: boolean): Extreme {
    this.model.changeObjectiveSense(sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize);
    // From the last basis by default: a new objective keeps it feasible, and a part of thousands of columns re-solves in a few
    // milliseconds rather than a second.
    if (fresh) this.model.clearSolver();
    this.model.run();
    const status = this.model.getModelStatus();
    const codes = highs.constants.modelStatus;
    if (status === codes.unbounded || status === codes.unboundedOrInfeasible) {
      const empty = new Float64Array(0);
      return { value: sense === 'max' ? Infinity : -Infinity, point: empty, columnDuals: empty, rowDuals: empty, optimal: true };
    }
    if (status === codes.timeLimit || status === codes.iterationLimit || status === codes.solutionLimit) {
      const empty = new Float64Array(0);
      return { value: Number.NaN, point: empty, columnDuals: empty, rowDuals: empty, optimal: false };
    }
    if (status !== codes.optimal) {
      // The true counts satisfy every program built here, so anything else is a fault, not an answer.
      throw new Error(`The disclosure solver ended with model status ${status} (expected optimal)`);
    }
    const solution = this.model.getSolution();
    return { value: this.model.getObjectiveValue(), point: solution.colValue, columnDuals: solution.colDual, rowDuals: solution.rowDual, optimal: true };
  }

  /** Is there a solution at all (objective cleared)? null when the solver stopped at a limit. */
  feasible(): boolean | null {
    this.clearObjective();
    this.model.run();
    const status = this.model.getModelStatus();
    const codes = highs.constants.modelStatus;
    if (status === codes.optimal) return true;
    if (status === codes.infeasible) return false;
    return null;
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Runs `use` on a solver of `program` and frees it. */
export function withSolver<T>(program: LinearProgram, use: (solver: ProgramSolver) => T): T {
  const solver = new ProgramSolver(program);
  try {
    return use(solver);
  } finally {
    solver.dispose();
  }
}
