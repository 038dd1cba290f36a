/**
 * Local aliases: what people in one area call its places ("ally pally" for
 * Alexandra Palace). They are data of that area, not of the language, so they
 * come from the area's own CSV (`istv gazetteer build --aliases FILE.csv`) with
 * columns `alias,place_name[,kind]`, and are attached to every gazetteer place
 * of that name (and kind, when given: premises, landmark, street or area, or a
 * category such as station, park or school where one name has several places). An alias naming no place is an error with
 * its line: a silent miss would leave the analyst thinking it works.
 */
import type { PlaceRecord } from './types.ts';
import { readCsvColumns, textCell, type ColumnSpec } from './csv.ts';

export interface AliasRow {
  alias: string;
  placeName: string;
  /** A kind (premises, landmark, street, area) or a category (station, park, school…). */
  kind: string | null;
  line: number;
}


const COLUMNS: Record<'alias' | 'placeName' | 'kind', ColumnSpec> = {
  alias: { aliases: ['alias', 'nickname'], required: true },
  placeName: { aliases: ['place_name', 'place', 'name'], required: true },
  kind: { aliases: ['kind'], required: false },
};

export function readAliases(filePath: string): { file: string; rows: AliasRow[] } {
  const { table, columns: c } = readCsvColumns(filePath, COLUMNS);
  const rows: AliasRow[] = [];
  table.rows.forEach((row, index) => {
    const line = index + 2;
    const alias = textCell(row, c.alias);
    const placeName = textCell(row, c.placeName);
    const kind = textCell(row, c.kind).toLowerCase();
    if (alias === '' || placeName === '') throw new Error(`${table.file}: line ${line} needs an alias and a place_name`);
    rows.push({ alias, placeName, kind: kind === '' ? null : kind, line });
  });
  return { file: table.file, rows };
}

const nameKey = (name: string): string => name.toLowerCase().replace(/[’'`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim().replace(/^the /, '');

/** Attaches each alias to the places it names; returns how many places gained one. */
export function applyAliases(places: PlaceRecord[], file: string, rows: readonly AliasRow[]): number {
  const byName = new Map<string, PlaceRecord[]>();
  for (const place of places) {
    const key = nameKey(place.name);
    byName.set(key, [...(byName.get(key) ?? []), place]);
  }
  let attached = 0;
  for (const row of rows) {
    const targets = (byName.get(nameKey(row.placeName)) ?? []).filter((p) => row.kind === null || p.kind === row.kind || p.category === row.kind);
    if (targets.length === 0) throw new Error(`${file}: line ${row.line}: no ${row.kind ?? 'place'} in the gazetteer is named "${row.placeName}"`);
    for (const place of targets) {
      if (place.aliases?.includes(row.alias)) continue;
      place.aliases = [...(place.aliases ?? []), row.alias];
      attached++;
    }
  }
  return attached;
}
