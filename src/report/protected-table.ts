/**
 * Reading cells out of a `ProtectedTable`. Renderers only ever see protected
 * values; a dimension not named in a lookup is taken at its total.
 */
import { TOTAL, type ProtectedCell, type ProtectedTable } from '../disclose/types.ts';

export class ProtectedTableIndex {
  private readonly cells = new Map<string, ProtectedCell>();

  constructor(readonly table: ProtectedTable) {
    for (const cell of table.cells) this.cells.set(this.signature(cell.keys), cell);
  }

  private signature(keys: Record<string, string>): string {
    return JSON.stringify(this.table.dimensions.map((dimension) => keys[dimension.name] ?? TOTAL));
  }

  /** The cell at `keys` (missing dimensions at their total); throws when the table lacks it. */
  cell(keys: Record<string, string>): ProtectedCell {
    const found = this.cells.get(this.signature(keys));
    if (!found) throw new Error(`Table ${this.table.id} has no cell ${this.signature(keys)}`);
    return found;
  }

  /** Whether the table has a cell at `keys` (a month left out of a table for want of data has none). */
  has(keys: Record<string, string>): boolean {
    return this.cells.has(this.signature(keys));
  }

  /** The full keys of a lookup, with TOTAL for the dimensions not named. */
  keysOf(keys: Record<string, string>): Record<string, string> {
    return Object.fromEntries(this.table.dimensions.map((dimension) => [dimension.name, keys[dimension.name] ?? TOTAL]));
  }

  value(keys: Record<string, string>): number | null {
    return this.cell(keys).value;
  }

  display(keys: Record<string, string>): string {
    return this.cell(keys).display;
  }

  dimension(name: string) {
    const found = this.table.dimensions.find((dimension) => dimension.name === name);
    if (!found) throw new Error(`Table ${this.table.id} has no dimension ${name}`);
    return found;
  }

  labelOf(dimensionName: string, value: string): string {
    if (value === TOTAL) return 'Total';
    return this.dimension(dimensionName).valueLabels?.[value] ?? value;
  }
}

export function findTable(tables: ProtectedTable[], id: string): ProtectedTable {
  const found = tables.find((table) => table.id === id);
  if (!found) throw new Error(`The release has no table ${id}`);
  return found;
}
