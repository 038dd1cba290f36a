/**
 * The attacker: from what a release shows (an interval per quantity) and the
 * additive structure of every table in it, the tightest bounds on a quantity
 * that linear programming gives. Non-negativity, every published margin and
 * subtotal, rounding intervals, bands and ties between tables all go in.
 *
 * Each quantity the release does not pin exactly is a variable; each additive
 * line of each table (a margin and its children) is a row.
 * Independent parts of the system are solved apart, and bounds within one part
 * are solved one after the other from the last basis.
 */
import type { ReleaseGrid } from './grid.ts';
import type { Interval } from './knowledge.ts';
import { BoundedSimplex, type LinearRow } from './simplex.ts';

export interface QuantityBounds {
  /** Tightest integer bounds: the LP optimum rounded inwards, as counts are whole numbers. */
  lower: number;
  upper: number;
  /**
   * Quantities whose showing holds a bound where it is: publishing one of them
   * less precisely (suppressing it) could widen the interval.
   */
  binding: number[];
  /** False when the solver stopped early and the bounds are inner bounds (narrower than the attacker's, so safe to judge by). */
  exact: boolean;
}

interface ModelRow extends LinearRow {
  /** The margin quantity the row is about. */
  owner: number;
  /** Exactly known interior quantities summed into the row's bounds. */
  constants: number[];
}

interface Component {
  variables: number[];
  rows: ModelRow[];
  simplex?: BoundedSimplex;
}

export class AttackerModel {
  /** Quantity → variable index, or -1 when the quantity is known exactly. */
  private readonly variableOf: Int32Array;
  private readonly quantityOfVariable: number[] = [];
  private readonly variableLower: number[] = [];
  private readonly variableUpper: number[] = [];
  private readonly components: Component[] = [];
  /** Variable → [component, local column]. */
  private readonly placement: Array<[number, number]> = [];

  /**
   * @param knowledge what the release shows of each quantity, or null when it
   *   does not show it at all (then only non-negativity is known).
   */
  constructor(
    private readonly grid: ReleaseGrid,
    private readonly knowledge: Array<Interval | null>,
  ) {
    const { quantities } = grid;
    this.variableOf = new Int32Array(quantities.length).fill(-1);
    const isExact = (id: number) => {
      const known = knowledge[id];
      return known !== null && known !== undefined && known.lower === known.upper;
    };
    const variableFor = (id: number): number => {
      const existing = this.variableOf[id]!;
      if (existing !== -1) return existing;
      const known = knowledge[id];
      const variable = this.quantityOfVariable.length;
      this.variableOf[id] = variable;
      this.quantityOfVariable.push(id);
      this.variableLower.push(Math.max(0, known?.lower ?? 0));
      this.variableUpper.push(known?.upper ?? Infinity);
      return variable;
    };

    // One row per additive line (parent = sum of the members one level down):
    // short rows keep the tableau sparse, and together the lines of a table
    // imply every longer sum in it.
    const rows: ModelRow[] = [];
    for (const line of grid.lines) {
      const indices: number[] = [];
      const coefficients: number[] = [];
      const constants: number[] = [];
      let constant = 0;
      for (const member of line.members) {
        if (isExact(member)) {
          if (quantities[member]!.value !== 0) constants.push(member);
          constant += knowledge[member]!.lower;
        } else {
          indices.push(variableFor(member));
          coefficients.push(1);
        }
      }
      if (indices.length === 0 && isExact(line.parent)) continue;
      let bound: number;
      if (isExact(line.parent)) {
        bound = knowledge[line.parent]!.lower - constant;
      } else {
        indices.push(variableFor(line.parent));
        coefficients.push(-1);
        bound = -constant;
      }
      rows.push({ indices, coefficients, lower: bound, upper: bound, owner: line.parent, constants });
    }
    // Targets that sit in no row still need a variable (their bounds are their own).
    quantities.forEach((quantity) => {
      if (!isExact(quantity.id) && knowledge[quantity.id]) variableFor(quantity.id);
    });

    // Split into independent parts (union-find over variables joined by rows).
    const parent = this.quantityOfVariable.map((_, variable) => variable);
    const find = (v: number): number => {
      while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
      return v;
    };
    for (const row of rows) for (const v of row.indices) parent[find(v)] = find(row.indices[0]!);
    const componentOfRoot = new Map<number, number>();
    this.quantityOfVariable.forEach((_, variable) => {
      const root = find(variable);
      let component = componentOfRoot.get(root);
      if (component === undefined) {
        component = this.components.length;
        componentOfRoot.set(root, component);
        this.components.push({ variables: [], rows: [] });
      }
      const members = this.components[component]!;
      this.placement[variable] = [component, members.variables.length];
      members.variables.push(variable);
    });
    for (const row of rows) {
      const [component] = this.placement[row.indices[0]!]!;
      const local = row.indices.map((v) => this.placement[v]![1]);
      this.components[component]!.rows.push({ ...row, indices: local });
    }
  }

  /** Bounds on one quantity from everything shown. */
  bounds(quantity: number): QuantityBounds {
    const variable = this.variableOf[quantity]!;
    if (variable === -1) {
      const known = this.knowledge[quantity];
      if (known) return { lower: known.lower, upper: known.upper, binding: [quantity], exact: true };
      // Neither shown nor a variable: it appears in no row, so nothing bounds it.
      return { lower: 0, upper: Infinity, binding: [], exact: true };
    }
    const [componentIndex, column] = this.placement[variable]!;
    const component = this.components[componentIndex]!;
    const simplex = (component.simplex ??= this.buildSimplex(component));
    const maximum = simplex.maximize(column);
    const minimum = simplex.minimize(column);
    const binding = new Set<number>();
    for (const result of [maximum, minimum]) {
      for (const row of result.bindingRows) {
        const modelRow = component.rows[row]!;
        binding.add(modelRow.owner);
        for (const id of modelRow.constants) binding.add(id);
      }
      for (const local of result.bindingVariables) binding.add(this.quantityOfVariable[component.variables[local]!]!);
    }
    return {
      lower: Math.max(0, Math.ceil(minimum.value - 1e-6)),
      upper: maximum.value === Infinity ? Infinity : Math.floor(maximum.value + 1e-6),
      binding: [...binding],
      exact: maximum.exact && minimum.exact,
    };
  }

  private buildSimplex(component: Component): BoundedSimplex {
    const quantities = this.grid.quantities;
    return new BoundedSimplex({
      lower: component.variables.map((v) => this.variableLower[v]!),
      upper: component.variables.map((v) => this.variableUpper[v]!),
      rows: component.rows,
      feasiblePoint: component.variables.map((v) => quantities[this.quantityOfVariable[v]!]!.value),
    });
  }
}
