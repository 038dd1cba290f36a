/**
 * The attacker: from what a release shows (an interval per quantity) and the
 * relations of the release model (grid.ts), how tightly can a reader bound a
 * protected count? Whole numbers, at least 0, every line an equation.
 *
 * Each quantity not shown exactly is a column; each line a row; columns
 * linked through rows form the connected *parts* of the release. A check runs
 * from cheap to dear, and each step decides only what it can prove:
 *  1. `screen` (many targets at once): whole-number solutions of the release
 *     found by pushing every target of a part up (and once down) in one linear
 *     program each; a target whose values across the solutions found (the
 *     true counts are one) span the width is safe: no reader can rule out any
 *     of those values. One program proves hundreds of targets.
 *  2. The reader's line-by-line arithmetic (propagate.ts): bounds that hold
 *     for every whole-number solution; narrower than the width is exposed.
 *  3. The whole part as a linear program, re-solved from the last basis: its
 *     optima bound the reader's best. Narrower than the width: exposed. Wider
 *     with whole-number optima at both ends (or whole-number solutions found
 *     next to fractional ones): safe. Wider only in fractions: *inner* integer
 *     programs over neighbourhoods of the target, every column on their edge
 *     fixed at its true count (any solution extends to the whole release),
 *     look for whole-number solutions an interval of the width apart; if none
 *     is found within the node limit, the count is not confirmed, so treated
 *     as exposed (errs towards suppressing more).
 * Parts that are small are solved whole as integer programs in step 3.
 */
import type { ReleaseGrid } from './grid.ts';
import type { Interval } from './knowledge.ts';
import { propagateBounds, type Propagated } from './propagate.ts';
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
/** Parts up to this many columns get a whole-part integer search when their neighbourhoods leave a count unconfirmed (a month beside its neighbour is about 2,000). */
const WHOLE_INTEGER_LIMIT = 5000;
/** Programs `screen` solves per part at most. */
const SCREEN_ROUNDS = 40;
/** A push that proves fewer targets than this ends the screen: checking the rest one by one is cheaper. */
const SCREEN_YIELD = 20;
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
  /** Targets `screen` proved safe, with an interval of values no reader can rule out. */
  private readonly proven = new Map<number, Interval>();
  private propagated?: Propagated;

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

  /**
   * Proves many targets safe at once: each whole-number solution of the
   * release (the true counts are one) is a set of values no reader can rule
   * out, so a target whose values across the solutions found span `width` is
   * safe. Solutions are looked for on each part by pushing every target still
   * unproved up, then down, each capped where it would be proved (caps only
   * remove solutions, so what is found is a solution of the release).
   * Targets left unproved are checked one by one by `check`.
   */
  screen(targets: Iterable<number>, width: number): void {
    const byPart = new Map<number, number[]>();
    const bounds = this.bounds();
    for (const id of targets) {
      if (this.isExact(id) || this.proven.has(id)) continue;
      // Already narrower by the reader's arithmetic: no solution can prove it safe.
      if (bounds.upper[id]! - bounds.lower[id]! < width) continue;
      const part = this.partOf[id]!;
      let list = byPart.get(part);
      if (!list) byPart.set(part, (list = []));
      list.push(id);
    }
    for (const [partId, list] of byPart) {
      const part = this.parts[partId]!;
      const solver = this.partSolver(part);
      const built = part.built!;
      const quantities = this.grid.quantities;
      const low = new Map<number, number>();
      const high = new Map<number, number>();
      for (const id of list) {
        low.set(id, quantities[id]!.value);
        high.set(id, quantities[id]!.value);
      }
      // Every column kept within a box around its true count: the program is then bounded, and its solutions still solutions.
      const reach = 4 * width + 10;
      const box = (column: number): [number, number] => {
        const id = built.quantityOf[column]!;
        const value = quantities[id]!.value;
        return [this.lower[id]!, Number.isFinite(value) ? Math.min(this.upper[id]!, value + reach) : this.upper[id]!];
      };
      for (let column = 0; column < built.quantityOf.length; column++) solver.setBounds(column, ...box(column));
      // One push down (a count that can go lower needs less height), then pushes up while they pay for themselves.
      for (let round = 0; round < SCREEN_ROUNDS; round++) {
        const open = list.filter((id) => high.get(id)! - low.get(id)! < width);
        if (open.length === 0) break;
        const up = round > 0;
        const objective = new Map<number, number>();
        for (const id of open) {
          const column = built.columnOf.get(id)!;
          const [lower, upper] = box(column);
          // Capped where the target would be proved: reward stops there, so the push spreads over every target.
          if (up) solver.setBounds(column, lower, Math.max(quantities[id]!.value, Math.min(upper, low.get(id)! + width)));
          else solver.setBounds(column, Math.min(quantities[id]!.value, Math.max(lower, high.get(id)! - width)), upper);
          // Unequal weights: where targets compete for the same slack, a vertex gives it whole to one rather than a share to each.
          objective.set(column, 1 + (((id * 2654435761) >>> 0) % 1024) / 1024);
        }
        const result = solver.optimum(objective, up ? 'max' : 'min');
        if (result.optimal && result.point.length > 0 && !isIntegral(result.point)) this.repair(built, result.point, objective, up ? 'max' : 'min', reach);
        for (const id of open) solver.setBounds(built.columnOf.get(id)!, ...box(built.columnOf.get(id)!));
        if (!result.optimal || result.point.length === 0 || !isIntegral(result.point)) {
          if (up) break;
          continue;
        }
        for (const id of list) {
          const value = Math.round(result.point[built.columnOf.get(id)!]!);
          if (value < low.get(id)!) low.set(id, value);
          if (value > high.get(id)!) high.set(id, value);
        }
        const proved = open.length - list.filter((id) => high.get(id)! - low.get(id)! < width).length;
        if (up && proved < SCREEN_YIELD) break;
      }
      for (let column = 0; column < built.quantityOf.length; column++) {
        const id = built.quantityOf[column]!;
        solver.setBounds(column, this.lower[id]!, this.upper[id]!);
      }
      for (const id of list) {
        if (high.get(id)! - low.get(id)! >= width) this.proven.set(id, { lower: low.get(id)!, upper: high.get(id)! });
      }
    }
  }

  /**
   * Turns a fractional solution of a part into a whole-number one where it
   * can: the columns with fractions (and the counts in their lines) move as an
   * integer program, every other column fixed at its value in the solution.
   * The result satisfies every row (rows the moving columns are not in keep
   * their values); `point` is left fractional when no such solution is found.
   */
  private repair(built: Program, point: Float64Array, objective: Map<number, number>, sense: 'max' | 'min', reach: number): void {
    const fractional: number[] = [];
    point.forEach((value, column) => {
      if (Math.abs(value - Math.round(value)) > EPSILON) fractional.push(built.quantityOf[column]!);
    });
    for (const radius of [1, 2]) {
      const free = new Set<number>();
      for (const id of fractional) for (const other of this.neighbourhood(id, radius)) free.add(other);
      if (free.size > NEIGHBOURHOOD_LIMIT) return;
      const local = this.program(free, 'fixed', (id) => point[built.columnOf.get(id)!]!);
      // Bounded, so that the integer program has an optimum (the objective may push a column without limit).
      const upper = Float64Array.from(local.program.upper, (bound, column) => {
        const id = local.quantityOf[column]!;
        return Math.min(bound, Math.max(this.grid.quantities[id]!.value, Math.ceil(point[built.columnOf.get(id)!]!)) + reach);
      });
      const found = withSolver({ ...local.program, upper, integer: true, nodeLimit: INTEGER_NODES }, (mip) => {
        const weights = new Map<number, number>();
        for (const [column, weight] of objective) {
          const localColumn = local.columnOf.get(built.quantityOf[column]!);
          if (localColumn !== undefined) weights.set(localColumn, weight);
        }
        const result = mip.optimum(weights, sense);
        return result.optimal && result.point.length > 0 ? result.point : null;
      });
      if (!found) continue;
      found.forEach((value, localColumn) => {
        const column = built.columnOf.get(local.quantityOf[localColumn]!);
        if (column !== undefined) point[column] = Math.round(value);
      });
      return;
    }
  }

  /** Is `quantity` protected to at least `width` (upper − lower, in whole numbers)? */
  check(quantity: number, width: number): QuantityCheck {
    if (this.isExact(quantity)) return { pass: width <= 0, lower: this.lower[quantity]!, upper: this.upper[quantity]!, proved: true, binding: [quantity] };
    const proven = this.proven.get(quantity);
    if (proven && proven.upper - proven.lower >= width) return { pass: true, ...proven, proved: true, binding: [] };
    // The reader's line-by-line arithmetic: narrower than the width already, no program needed.
    const arithmetic = this.arithmetic(quantity, width);
    if (arithmetic) return arithmetic;
    const part = this.parts[this.partOf[quantity]!]!;
    const small = part.columns.length <= SMALL_PART;
    // The whole part as a linear program: the reader's linear bounds exactly.
    const solver = this.partSolver(part);
    const whole = this.measure(solver, part.built!, quantity, width, small);
    if (whole.pass) return { pass: true, lower: whole.lower, upper: whole.upper, proved: true, binding: [] };
    if (whole.relaxedUpper - whole.relaxedLower < width) return { pass: false, lower: whole.relaxedLower, upper: whole.relaxedUpper, proved: true, binding: whole.binding };
    // Wide only in fractions: whole-number solutions are looked for in neighbourhoods, their edges at the true counts.
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
      // Only up to a size: beyond it an integer program over the whole part costs more than suppressing one more count.
      if (part.columns.length <= WHOLE_INTEGER_LIMIT) {
        const measured = this.measure(solver, part.built!, quantity, width, true);
        if (measured.pass) return { pass: true, lower: measured.lower, upper: measured.upper, proved: true, binding: [] };
      }
    }
    return { pass: false, lower: last.lower, upper: last.upper, proved: false, binding: whole.binding.length > 0 ? whole.binding : this.bindingOf(part.built!, [solver.extreme(part.built!.columnOf.get(quantity)!, 'min'), solver.extreme(part.built!.columnOf.get(quantity)!, 'max')]) };
  }

  /**
   * The check by the reader's line-by-line arithmetic alone (propagate.ts):
   * a failed check when it already bounds the count more narrowly than
   * `width`, with the counts of the lines that gave the bounds as `binding`;
   * null when it does not (which proves nothing either way).
   */
  arithmetic(quantity: number, width: number): QuantityCheck | null {
    const bounds = this.bounds();
    if (bounds.upper[quantity]! - bounds.lower[quantity]! >= width) return null;
    const binding = new Set<number>();
    for (const lineId of [bounds.lowerLine[quantity]!, bounds.upperLine[quantity]!]) {
      if (lineId === -1) continue;
      const line = this.grid.lines[lineId]!;
      for (const id of [line.parent, ...line.members]) if (id !== quantity) binding.add(id);
    }
    return { pass: false, lower: bounds.lower[quantity]!, upper: bounds.upper[quantity]!, proved: true, binding: [...binding] };
  }

  private bounds(): Propagated {
    return (this.propagated ??= propagateBounds(this.grid.lines, this.grid.linesOf, this.lower, this.upper));
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
    let min = solver.extreme(column, 'min');
    let max = solver.extreme(column, 'max');
    // A fractional vertex reached from the last basis is looked for again from scratch, so that a count fails only where the
    // program itself leaves it fractional, whatever was checked before it (the protector and the auditor check in different orders).
    if (!isIntegral(min.point)) min = solver.extreme(column, 'min', true);
    if (!isIntegral(max.point)) max = solver.extreme(column, 'max', true);
    const relaxedLower = Math.max(0, Math.ceil(min.value - EPSILON));
    const relaxedUpper = max.value === Infinity ? Infinity : Math.floor(max.value + EPSILON);
    const base = { relaxedLower, relaxedUpper, lower: relaxedLower, upper: relaxedUpper };
    if (relaxedUpper - relaxedLower < width) return { pass: false, ...base, binding: this.bindingOf(built, [min, max]) };
    if (isIntegral(min.point) && isIntegral(max.point)) return { pass: true, ...base, binding: [] };
    // Fractional optima: whole-number solutions found next to them, with the true counts, may already span the width.
    {
      let lower = this.grid.quantities[quantity]!.value;
      let upper = lower;
      for (const [result, sense] of [[min, 'min'], [max, 'max']] as const) {
        const point = Float64Array.from(result.point);
        if (!isIntegral(point)) this.repair(built, point, new Map([[column, 1]]), sense, width);
        if (!isIntegral(point)) continue;
        lower = Math.min(lower, Math.round(point[column]!));
        upper = Math.max(upper, Math.round(point[column]!));
      }
      if (upper - lower >= width) return { pass: true, ...base, lower, upper, binding: [] };
    }
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
  private program(free: Set<number>, edge: 'fixed' | 'free', fixedAt: (id: number) => number = (id) => this.grid.quantities[id]!.value): Program {
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
        lower.push(moves ? this.lower[id]! : fixedAt(id));
        upper.push(moves ? this.upper[id]! : fixedAt(id));
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
