/**
 * Builds `CountTable`s from grouped counts. Dimension values found in the data
 * but not listed in the dimension are appended (with the value as label), so a
 * table always accounts for every record it counted: a category added to a code
 * list, or an LSOA outside the boundaries, still adds up to the total.
 */
import type { CountCell, CountTable, Dimension, TableScope } from './table.ts';
import type { StoreDatabase } from '../store/open.ts';

export interface GroupedCount {
  keys: Record<string, string>;
  count: number;
}

export function tableFromCounts(id: string, title: string, dimensions: Dimension[], counts: Iterable<GroupedCount>, scope?: TableScope): CountTable {
  const extended = dimensions.map((dimension) => ({ ...dimension, values: [...dimension.values] }));
  const known = extended.map((dimension) => new Set(dimension.values));
  const merged = new Map<string, CountCell>();
  for (const { keys, count } of counts) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`Unexpected count value: ${count}`);
    if (count === 0) continue;
    extended.forEach((dimension, index) => {
      const value = keys[dimension.name];
      if (value === undefined) throw new Error(`Table ${id}: a count has no value for dimension ${dimension.name}`);
      if (!known[index]!.has(value)) {
        known[index]!.add(value);
        dimension.values.push(value);
      }
    });
    const cellKeys = Object.fromEntries(extended.map((dimension) => [dimension.name, keys[dimension.name]!]));
    const signature = JSON.stringify(extended.map((dimension) => cellKeys[dimension.name]));
    const existing = merged.get(signature);
    if (existing) existing.count += count;
    else merged.set(signature, { keys: cellKeys, count });
  }
  return { id, title, dimensions: extended, cells: [...merged.values()], ...(scope ? { scope } : {}) };
}

/** Counts items by the key functions given per dimension name. */
export function countItems<T>(items: Iterable<T>, keyOf: Record<string, (item: T) => string>): GroupedCount[] {
  const counts = new Map<string, GroupedCount>();
  const names = Object.keys(keyOf);
  for (const item of items) {
    const keys = Object.fromEntries(names.map((name) => [name, keyOf[name]!(item)]));
    const signature = JSON.stringify(names.map((name) => keys[name]));
    const existing = counts.get(signature);
    if (existing) existing.count += 1;
    else counts.set(signature, { keys, count: 1 });
  }
  return [...counts.values()];
}

export interface RecordCountQuery {
  id: string;
  title: string;
  /** Each dimension with the SQL expression (over `current_records`) that gives its value; NULL becomes `whenNull`. */
  columns: Array<{ dimension: Dimension; expression: string; whenNull: string }>;
  /** SQL condition with `?` placeholders, bound to `parameters`. */
  where: string;
  parameters: unknown[];
  /** The records the table covers beyond its dimensions (its months), so disclosure control can link it to other tables. */
  scope?: TableScope;
}

/**
 * Counts current records grouped by the given expressions. The expressions are
 * fixed SQL written in this module, never user input; values are always bound.
 */
export function countRecords(store: StoreDatabase, query: RecordCountQuery): CountTable {
  const selected = query.columns.map((column, index) => `COALESCE(CAST((${column.expression}) AS TEXT), ?) AS d${index}`);
  const groups = query.columns.map((_, index) => `d${index}`);
  const sql = `SELECT ${selected.join(', ')}, COUNT(*) AS n FROM current_records WHERE ${query.where} GROUP BY ${groups.join(', ')}`;
  const rows = store.prepare(sql).raw(true).all(...query.columns.map((column) => column.whenNull), ...query.parameters) as unknown[][];
  const counts = rows.map((row) => ({
    keys: Object.fromEntries(query.columns.map((column, index) => [column.dimension.name, String(row[index])])),
    count: Number(row[query.columns.length]),
  }));
  return tableFromCounts(query.id, query.title, query.columns.map((column) => column.dimension), counts, query.scope);
}

/** `?, ?, ?` for an IN list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** The sum of a table's interior cells (its true total). */
export function tableTotal(table: CountTable): number {
  return table.cells.reduce((sum, cell) => sum + cell.count, 0);
}
