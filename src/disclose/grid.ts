/**
 * All the tables of one release on one footing: every grid cell is mapped to a
 * *quantity* (a group of records and its count), shared between tables that
 * count the same group. Disclosure decisions are made per quantity, so a shared
 * margin is shown the same way in every table, and the additive relations of
 * every table (a margin equals the sum of its children) become `lines`.
 */
import { buildLayout, cellKeys, cellNodes, interiorIndicesOf, isInteriorCell, quantityKey, type TableLayout } from './layout.ts';
import type { CountTable } from './types.ts';

export interface Quantity {
  id: number;
  key: string;
  /** The true count. */
  value: number;
  /** True when the quantity is an interior cell of some table (not only a margin). */
  interior: boolean;
  /** True when some table shows it (interior cells always; margins when the policy publishes them). */
  published: boolean;
}

/** A margin and the cells one level below it along one dimension: parent = sum of members. */
export interface Line {
  parent: number;
  members: number[];
}

export interface ReleaseGrid {
  layouts: TableLayout[];
  quantities: Quantity[];
  /** Per table: grid cell → quantity id. */
  cellQuantity: Int32Array[];
  /** Per table: interior index → quantity id. */
  interiorQuantity: Int32Array[];
  lines: Line[];
  /** Quantity id → ids of the lines it is in (as parent or member). */
  linesOf: number[][];
}

/**
 * Two cells are the same quantity when they have the same key *and* the same
 * count. Tables of one release usually count the same records, and then equal
 * keys mean equal counts; a table of a subset (premises, say) has a different
 * total under the same key and must not be tied to the others. Tying two cells
 * that merely happen to be equal only assumes the reader knows more than they
 * do, which errs on the safe side.
 */
export function buildReleaseGrid(tables: CountTable[], publishMargins: boolean): ReleaseGrid {
  const seenIds = new Set<string>();
  for (const table of tables) {
    if (seenIds.has(table.id)) throw new Error(`Table id appears twice in one release: ${table.id}`);
    seenIds.add(table.id);
  }
  const layouts = tables.map(buildLayout);
  const quantities: Quantity[] = [];
  const byIdentity = new Map<string, number>();
  const cellQuantity: Int32Array[] = [];
  const interiorQuantity: Int32Array[] = [];
  const lines: Line[] = [];

  for (const layout of layouts) {
    const cells = new Int32Array(layout.cellCount);
    const interior = new Int32Array(layout.interior.length);
    for (let cell = 0; cell < layout.cellCount; cell++) {
      const nodes = cellNodes(layout, cell);
      const indices = interiorIndicesOf(layout, nodes);
      let value = 0;
      for (const index of indices) value += layout.interior[index]!;
      const key = quantityKey(cellKeys(layout, nodes));
      const identity = `${key}#${value}`;
      let id = byIdentity.get(identity);
      if (id === undefined) {
        id = quantities.length;
        byIdentity.set(identity, id);
        quantities.push({ id, key, value, interior: false, published: false });
      }
      const quantity = quantities[id]!;
      const isInterior = isInteriorCell(layout, nodes);
      if (isInterior) {
        quantity.interior = true;
        interior[indices[0]!] = id;
      }
      if (isInterior || publishMargins) quantity.published = true;
      cells[cell] = id;
    }
    cellQuantity.push(cells);
    interiorQuantity.push(interior);

    for (let cell = 0; cell < layout.cellCount; cell++) {
      const nodes = cellNodes(layout, cell);
      layout.dimensions.forEach((dimension, d) => {
        const children = dimension.children[nodes[d]!]!;
        if (children.length === 0) return;
        const members = children.map((child) => {
          const childNodes = [...nodes];
          childNodes[d] = child;
          return cells[childNodes.reduce((position, node, e) => position * layout.dimensions[e]!.nodes.length + node, 0)]!;
        });
        lines.push({ parent: cells[cell]!, members });
      });
    }
  }

  const linesOf: number[][] = quantities.map(() => []);
  lines.forEach((line, lineId) => {
    linesOf[line.parent]!.push(lineId);
    for (const member of line.members) linesOf[member]!.push(lineId);
  });
  return { layouts, quantities, cellQuantity, interiorQuantity, lines, linesOf };
}
