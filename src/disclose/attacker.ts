/**
 * The attacker: from what a release shows (an interval per quantity) and the
 * relations of the release model (grid.ts), how tightly can a reader bound a
 * protected count? Whole numbers, at least 0, every line an equation.
 *
 * Each quantity not shown exactly is a column; each line a row. For a target
 * the check works outwards, because the hierarchies keep most of what bounds
 * a cell close to it:
 *  1. *Inner* integer programs over a neighbourhood of the target (the rows
 *     within a few steps of it), every column on its edge fixed at its true
 *     count. Any solution extends to the whole release (the rest at the true
 *     counts), so the interval found is one the reader cannot rule out, even
 *     reasoning in whole numbers. Wide enough: the target is safe.
 *  2. Otherwise the whole connected part of the release (every row linked to
 *     the target through counts not shown exactly), as a linear program. Its
 *     relaxation bounds the reader's best: narrower than the width means the
 *     target is exposed. Wider, with whole-number optima at both ends, it is
 *     safe. Wider only in fractions: not confirmed, so treated as exposed
 *     (errs towards suppressing more).
 * Parts that are small are solved whole as integer programs straight away.
 */
import type { ReleaseGrid } from './grid.ts';
import type { Interval } from './knowledge.ts';
import { ProgramSolver, withSolver, type Extreme, type LinearProgram } from './solver.ts';

export interface QuantityCheck {
  /** Safe: the reader cannot place the count in an interval narrower than the width asked for. */
  pass: boolean;
  /**
   * When `pass`, an interval of values the reader cannot rule out. Otherwise
   * the tightest bounds found: the reader's own when `proved`, else an
   * interval that could not be shown to be wider.
   */
  lower: number;
  upper: number;
  proved: boolean;
  /** When not `pass`: shown quantities whose showing holds the bounds where they are (suppressing one could widen them). */
  binding: number[];
}

/** Columns of a neighbourhood beyond which the part is solved whole. */
const NEIGHBOURHOOD_LIMIT = 800;
/** Parts up to this many columns are solved whole straight away. */
const SMALL_PART = 400;
const RADII = [2, 4];
const EPSILON = 1e-6;
/** Branch-and-bound nodes allowed to one integer program; beyond them the count is treated as exposed. */
const INTEGER_NODES = 500;

interface Program {
  program: LinearProgram;
  /** Quantity of each column. */
  quantityOf: number[];
  columnOf: Map<number, number>;
  /** Line of each row. */
  rowLines: number[];
}

interface Part {
  columns: number[];
  solver?: ProgramSolver;
  built?: Program;
}

interface Measured {
  pass: boolean;
  lower: number;
  upper: number;
  /** Whole-number rounding of the linear optima. */
  relaxedLower: number;
  relaxedUpper: number;
  binding: number[];
}

export class AttackerModel {
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly partOf: Int32Array;
  private readonly parts: Part[] = [];

  /**
   * @param knowledge what the release shows of each quantity, or null when it
   *   does not show it at all (then only non-negativity is known).
   */
  constructor(
    private readonly grid: ReleaseGrid,
    knowledge: Array<Interval | null>,
  ) {
    const count = grid.quantities.length;
    this.lower = new Float64Array(count);
    this.upper = new Float64Array(count).fill(Infinity);
    knowledge.forEach((known, id) => {
      if (!known) return;
      this.lower[id] = Math.max(0, known.lower);
      this.upper[id] = known.upper;
    });
    // Connected parts over the quantities not known exactly.
    const parent = Int32Array.from({ length: count }, (_, id) => id);
    const find = (id: number): number => {
      while (parent[id] !== id) id = parent[id] = parent[parent[id]!]!;
      return id;
    };
    for (const line of grid.lines) {
      let first = -1;
      for (const id of [line.parent, ...line.members]) {
        if (this.isExact(id)) continue;
        if (first === -1) first = find(id);
        else parent[find(id)] = first;
      }
    }
    this.partOf = new Int32Array(count).fill(-1);
    const partOfRoot = new Map<number, number>();
    for (let id = 0; id < count; id++) {
      if (this.isExact(id)) continue;
      const root = find(id);
      let part = partOfRoot.get(root);
      if (part === undefined) {
        part = this.parts.length;
        partOfRoot.set(root, part);
        this.parts.push({ columns: [] });
      }
      this.partOf[id] = part;
      this.parts[part]!.columns.push(id);
    }
  }

  private isExact(id: number): boolean {
    return this.lower[id] === this.upper[id];
  }

  /** Is `quantity` protected to at least `width` (upper − lower, in whole numbers)? */
  check(quantity: number, width: number): QuantityCheck {
    if (this.isExact(quantity)) return { pass: width <= 0, lower: this.lower[quantity]!, upper: this.upper[quantity]!, proved: true, binding: [quantity] };
    const part = this.parts[this.partOf[quantity]!]!;
    // 1. The whole part as a linear program (warm from the last basis): the reader's linear bounds exactly.
    const solver = this.partSolver(part);
    const small = part.columns.length <= SMALL_PART;
    const whole = this.measure(solver, part.built!, quantity, width, small);
    if (whole.pass) return { pass: true, lower: whole.lower, upper: whole.upper, proved: true, binding: [] };
    if (whole.relaxedUpper - whole.relaxedLower < width) return { pass: false, lower: whole.relaxedLower, upper: whole.relaxedUpper, proved: true, binding: whole.binding };
    // 2. Wide only in fractions: whole-number solutions are looked for in neighbourhoods, their edges at the true counts.
    let last: Measured = whole;
    if (!small) {
      for (const radius of RADII) {
        const neighbourhood = this.neighbourhood(quantity, radius);
        const inner = this.program(neighbourhood, 'fixed');
        const measured = withSolver(inner.program, (innerSolver) => this.measure(innerSolver, inner, quantity, width, true));
        if (measured.pass) return { pass: true, lower: measured.lower, upper: measured.upper, proved: true, binding: [] };
        last = measured;
        if (neighbourhood.size > NEIGHBOURHOOD_LIMIT) break;
      }
      // Neighbourhoods with their edges at the true counts can pin a count the whole part leaves free (linked releases
      // make the part's optima fractional): whole-number solutions are looked for in the whole part too.
      const measured = this.measure(solver, part.built!, quantity, width, true);
      if (measured.pass) return { pass: true, lower: measured.lower, upper: measured.upper, proved: true, binding: [] };
    }
    return { pass: false, lower: last.lower, upper: last.upper, proved: false, binding: whole.binding.length > 0 ? whole.binding : this.bindingOf(part.built!, [solver.extreme(part.built!.columnOf.get(quantity)!, 'min'), solver.extreme(part.built!.columnOf.get(quantity)!, 'max')]) };
  }

  /** Frees the solver memory of every part. */
  dispose(): void {
    for (const part of this.parts) {
      part.solver?.dispose();
      part.solver = undefined;
    }
  }

  /**
   * Bounds of one quantity in a program: the linear program first; where its
   * optima are whole numbers they are the whole-number answer too. Where they
   * are not (and `integer`), an integer program settles whether the width holds.
   */
  private measure(solver: ProgramSolver, built: Program, quantity: number, width: number, integer: boolean): Measured {
    const column = built.columnOf.get(quantity)!;
    const min = solver.extreme(column, 'min');
    const max = solver.extreme(column, 'max');
    const relaxedLower = Math.max(0, Math.ceil(min.value - EPSILON));
    const relaxedUpper = max.value === Infinity ? Infinity : Math.floor(max.value + EPSILON);
    const base = { relaxedLower, relaxedUpper, lower: relaxedLower, upper: relaxedUpper };
    if (relaxedUpper - relaxedLower < width) return { pass: false, ...base, binding: this.bindingOf(built, [min, max]) };
    if (isIntegral(min.point) && isIntegral(max.point)) return { pass: true, ...base, binding: [] };
    if (!integer) return { pass: false, ...base, binding: this.bindingOf(built, [min, max]) };
    // Fractional optima: look for whole-number solutions with the count at each end of an interval of the width.
    const ends: Array<[number, number]> = [];
    for (let low = relaxedLower; low + width <= relaxedUpper && ends.length < 2; low++) ends.push([low, low + width]);
    const program = built.program;
    const found = withSolver({ ...program, integer: true, nodeLimit: INTEGER_NODES }, (mip) => {
      const at = (lower: number, upper: number) => {
        mip.setBounds(column, lower, upper);
        return mip.feasible();
      };
      for (const [low, high] of ends) {
        if (at(low, low) === true && at(high, Math.min(program.upper[column]!, high + width)) === true) return { lower: low, upper: high };
      }
      return null;
    });
    if (!found) return { pass: false, ...base, upper: relaxedLower + width - 1, binding: this.bindingOf(built, [min, max]) };
    return { pass: true, ...base, ...found, binding: [] };
  }

  /** Quantities whose showing holds an optimum where it is, from the duals: columns at a shown bound, and exact counts in binding rows. */
  private bindingOf(built: Program, results: Extreme[]): number[] {
    const binding = new Set<number>();
    for (const result of results) {
      result.columnDuals.forEach((dual, column) => {
        if (Math.abs(dual) > EPSILON) binding.add(built.quantityOf[column]!);
      });
      result.rowDuals.forEach((dual, row) => {
        if (Math.abs(dual) <= EPSILON) return;
        const line = this.grid.lines[built.rowLines[row]!]!;
        for (const id of [line.parent, ...line.members]) if (this.isExact(id)) binding.add(id);
      });
    }
    return [...binding];
  }

  private partSolver(part: Part): ProgramSolver {
    if (!part.solver) {
      part.built = this.program(new Set(part.columns), 'fixed');
      part.solver = new ProgramSolver(part.built.program);
    }
    return part.solver;
  }

  /** Quantities not known exactly within `radius` rows of `quantity`. */
  private neighbourhood(quantity: number, radius: number): Set<number> {
    const inside = new Set([quantity]);
    let frontier = [quantity];
    for (let step = 0; step < radius && frontier.length > 0 && inside.size <= NEIGHBOURHOOD_LIMIT; step++) {
      const next: number[] = [];
      for (const id of frontier) {
        for (const lineId of this.grid.linesOf[id]!) {
          const line = this.grid.lines[lineId]!;
          for (const other of [line.parent, ...line.members]) {
            if (this.isExact(other) || inside.has(other)) continue;
            inside.add(other);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    return inside;
  }

  /**
   * The linear program of the rows touching `free`: columns in `free` move
   * within what the release shows; the other columns of those rows are fixed
   * at their true counts (`fixed`: an inner program) or move too (`free`: an
   * outer one, missing only the rows further out).
   */
  private program(free: Set<number>, edge: 'fixed' | 'free'): Program {
    const quantities = this.grid.quantities;
    const rowLines = new Set<number>();
    for (const id of free) for (const lineId of this.grid.linesOf[id]!) rowLines.add(lineId);
    const columnOf = new Map<number, number>();
    const quantityOf: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    const rows: LinearProgram['rows'] = [];
    const columnFor = (id: number): number => {
      let column = columnOf.get(id);
      if (column === undefined) {
        column = lower.length;
        columnOf.set(id, column);
        quantityOf.push(id);
        const moves = edge === 'free' || free.has(id);
        lower.push(moves ? this.lower[id]! : quantities[id]!.value);
        upper.push(moves ? this.upper[id]! : quantities[id]!.value);
      }
      return column;
    };
    for (const id of free) columnFor(id);
    const lineIds = [...rowLines];
    for (const lineId of lineIds) {
      const line = this.grid.lines[lineId]!;
      const indices: number[] = [];
      const coefficients: number[] = [];
      let constant = 0;
      const add = (id: number, coefficient: number) => {
        if (this.isExact(id)) constant += coefficient * this.lower[id]!;
        else {
          indices.push(columnFor(id));
          coefficients.push(coefficient);
        }
      };
      add(line.parent, -1);
      for (const member of line.members) add(member, 1);
      rows.push({ indices, coefficients, lower: -constant, upper: -constant });
    }
    return { program: { lower, upper, rows }, quantityOf, columnOf, rowLines: lineIds };
  }
}

function isIntegral(point: Float64Array): boolean {
  for (const value of point) if (Math.abs(value - Math.round(value)) > EPSILON) return false;
  return true;
}
