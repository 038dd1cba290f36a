/**
 * The full grid of a count table: every combination of leaf values, hierarchy
 * nodes and the total along each dimension, with the interior (leaf) cells each
 * one adds up. Both protection and the auditor work on this grid.
 */
import { TOTAL, type CountTable, type Dimension } from './types.ts';

export interface DimensionLayout {
  dimension: Dimension;
  /** Leaf values in display order: the values cells are counted at. */
  leaves: string[];
  /** Leaves, then hierarchy nodes bottom-up, then TOTAL: every value a cell can take. */
  nodes: string[];
  nodeIndex: Map<string, number>;
  /** Node index → indices (into `nodes`) of its direct children; empty for leaves. */
  children: number[][];
  /** Node index → leaf indices it adds up. */
  leavesUnder: number[][];
}

export interface TableLayout {
  table: CountTable;
  dimensions: DimensionLayout[];
  /** True count of each interior cell, by mixed-radix leaf index (last dimension fastest). */
  interior: Float64Array;
  /** Number of grid cells (product of node counts). */
  cellCount: number;
}

function layoutDimension(tableId: string, dimension: Dimension): DimensionLayout {
  const parents = dimension.parents ?? {};
  const parentOf = (value: string): string => {
    const parent = parents[value];
    return parent === undefined ? TOTAL : parent;
  };
  const parentValues = new Set(Object.values(parents).filter((value) => value !== TOTAL));
  const all = new Set<string>([...dimension.values, ...Object.keys(parents), ...parentValues]);
  if (all.has(TOTAL)) throw new Error(`Table ${tableId}: dimension ${dimension.name} uses the reserved value ${TOTAL}`);
  const leaves = [...dimension.values.filter((value) => !parentValues.has(value)), ...[...all].filter((value) => !parentValues.has(value) && !dimension.values.includes(value))];

  // Depth of each node (steps to TOTAL), checked for cycles: deeper nodes come first.
  const depth = new Map<string, number>();
  const depthOf = (value: string): number => {
    const known = depth.get(value);
    if (known !== undefined) return known;
    let steps = 0;
    for (let current = value; current !== TOTAL; current = parentOf(current)) {
      if (++steps > all.size + 1) throw new Error(`Table ${tableId}: dimension ${dimension.name} has a cycle in its parents at value ${value}`);
    }
    depth.set(value, steps);
    return steps;
  };
  const internal = [...parentValues].sort((a, b) => depthOf(b) - depthOf(a));
  const nodes = [...leaves, ...internal, TOTAL];
  const index = new Map(nodes.map((value, position) => [value, position]));
  const children: number[][] = nodes.map(() => []);
  for (const value of [...leaves, ...internal]) children[index.get(parentOf(value))!]!.push(index.get(value)!);
  const leavesUnder: number[][] = nodes.map(() => []);
  leaves.forEach((leaf, leafIndex) => {
    for (let current = leaf; ; current = parentOf(current)) {
      leavesUnder[index.get(current)!]!.push(leafIndex);
      if (current === TOTAL) break;
    }
  });
  return { dimension, leaves, nodes, nodeIndex: index, children, leavesUnder };
}

export function buildLayout(table: CountTable): TableLayout {
  if (table.dimensions.length === 0) throw new Error(`Table ${table.id} has no dimensions`);
  const names = new Set<string>();
  for (const dimension of table.dimensions) {
    if (names.has(dimension.name)) throw new Error(`Table ${table.id}: dimension ${dimension.name} appears twice`);
    names.add(dimension.name);
  }
  const dimensions = table.dimensions.map((dimension) => layoutDimension(table.id, dimension));
  const interiorSize = dimensions.reduce((size, dimension) => size * dimension.leaves.length, 1);
  const interior = new Float64Array(interiorSize);
  const leafIndex = dimensions.map((dimension) => new Map(dimension.leaves.map((leaf, position) => [leaf, position])));
  for (const cell of table.cells) {
    if (!Number.isInteger(cell.count) || cell.count < 0) throw new Error(`Table ${table.id}: unexpected count value: ${cell.count}`);
    let position = 0;
    dimensions.forEach((dimension, d) => {
      const value = cell.keys[dimension.dimension.name];
      const leaf = value === undefined ? undefined : leafIndex[d]!.get(value);
      // Dimension values are category codes, never personal data, so naming one is safe.
      if (leaf === undefined) throw new Error(`Table ${table.id}: a cell's ${dimension.dimension.name} is not a leaf value: ${value}`);
      position = position * dimension.leaves.length + leaf;
    });
    interior[position]! += cell.count;
  }
  const cellCount = dimensions.reduce((size, dimension) => size * dimension.nodes.length, 1);
  return { table, dimensions, interior, cellCount };
}

/** Node index per dimension of grid cell `cell`. */
export function cellNodes(layout: TableLayout, cell: number): number[] {
  const nodes = new Array<number>(layout.dimensions.length);
  for (let d = layout.dimensions.length - 1; d >= 0; d--) {
    const size = layout.dimensions[d]!.nodes.length;
    nodes[d] = cell % size;
    cell = Math.floor(cell / size);
  }
  return nodes;
}

export function cellIndex(layout: TableLayout, nodes: number[]): number {
  return nodes.reduce((position, node, d) => position * layout.dimensions[d]!.nodes.length + node, 0);
}

/** A grid cell is interior when every coordinate is a leaf. */
export function isInteriorCell(layout: TableLayout, nodes: number[]): boolean {
  return nodes.every((node, d) => node < layout.dimensions[d]!.leaves.length);
}

/** Interior indices (into `layout.interior`) that a grid cell adds up. */
export function interiorIndicesOf(layout: TableLayout, nodes: number[]): number[] {
  let indices = [0];
  layout.dimensions.forEach((dimension, d) => {
    const under = dimension.leavesUnder[nodes[d]!]!;
    const next: number[] = [];
    for (const prefix of indices) for (const leaf of under) next.push(prefix * dimension.leaves.length + leaf);
    indices = next;
  });
  return indices;
}

export function cellKeys(layout: TableLayout, nodes: number[]): Record<string, string> {
  return Object.fromEntries(layout.dimensions.map((dimension, d) => [dimension.dimension.name, dimension.nodes[nodes[d]!]!]));
}

/**
 * What a cell counts, independent of the table it is in: the non-total
 * dimension values, sorted by dimension name. The same key in two tables of one
 * release names the same group of records (a shared margin), which is how
 * differencing between tables is caught.
 */
export function quantityKey(keys: Record<string, string>): string {
  return Object.keys(keys)
    .filter((name) => keys[name] !== TOTAL)
    .sort()
    .map((name) => `${name}=${keys[name]}`)
    .join('\u001f');
}

/** The node tuple of a cell's keys (as a release shows them), or undefined when the table has no such cell. */
export function nodesOfKeys(layout: TableLayout, keys: Record<string, string>): number[] | undefined {
  const nodes: number[] = [];
  for (const dimension of layout.dimensions) {
    const value = keys[dimension.dimension.name];
    const node = value === undefined ? undefined : dimension.nodeIndex.get(value);
    if (node === undefined) return undefined;
    nodes.push(node);
  }
  return nodes;
}
