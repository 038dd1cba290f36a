/**
 * The count tables behind "ED beside police": ED assault attendances and
 * police-recorded crimes by LSOA and by ward over the same months, as one
 * table each with a `source` dimension, so that disclosure control protects
 * the two together. Police crimes are those imported (by default "Violence and
 * sexual offences"); they are all placed in an LSOA of the area, while ED
 * attendances not placed stay in "unplaced" so the ED total is every attendance.
 */
import type { CountTable, Dimension } from './table.ts';
import { policeCountsByMonthAndLsoa, policeMonths } from '../store/police-crimes.ts';
import type { StoreDatabase } from '../store/open.ts';
import { countRecords, placeholders, tableFromCounts, type GroupedCount } from './count-table.ts';
import { UNPLACED, lsoaDimension, wardDimension, type AreaLsoa } from './dimensions.ts';
import { monthsEnding } from './months.ts';

export const ED_POLICE_LSOA_TABLE = 'ed-police-lsoa';
export const ED_POLICE_WARD_TABLE = 'ed-police-ward';

export function sourceDimension(): Dimension {
  return { name: 'source', label: 'Source', values: ['ed', 'police'], valueLabels: { ed: 'ED assault attendances', police: 'Police-recorded crimes' } };
}

/** The rolling twelve months ending at `month` for which both ED extracts and police data are held. */
export function comparisonMonths(store: StoreDatabase, month: string, edMonths: ReadonlySet<string>): string[] {
  const police = new Set(policeMonths(store));
  return monthsEnding(month, 12).filter((m) => edMonths.has(m) && police.has(m));
}

function edCounts(store: StoreDatabase, months: string[], column: 'lsoa_code' | 'ward_code', dimension: Dimension): GroupedCount[] {
  if (months.length === 0) return [];
  const table = countRecords(store, {
    id: 'ed',
    title: 'ED',
    columns: [{ dimension, expression: column, whenNull: UNPLACED }],
    where: `assault_month IN (${placeholders(months.length)})`,
    parameters: months,
  });
  return table.cells.map((cell) => ({ keys: { source: 'ed', [dimension.name]: cell.keys[dimension.name]! }, count: cell.count }));
}

export function edPoliceLsoaTable(store: StoreDatabase, months: string[], area: AreaLsoa[], label: string): CountTable {
  const lsoa = lsoaDimension(area);
  const police = policeCountsByMonthAndLsoa(store, months).map((row) => ({ keys: { source: 'police', lsoa: row.lsoaCode }, count: row.count }));
  return tableFromCounts(ED_POLICE_LSOA_TABLE, `ED assault attendances and police-recorded crimes by LSOA, ${label}`, [sourceDimension(), lsoa], [...edCounts(store, months, 'lsoa_code', lsoa), ...police]);
}

export function edPoliceWardTable(store: StoreDatabase, months: string[], area: AreaLsoa[], label: string): CountTable {
  const ward = wardDimension(area);
  const wardOf = new Map(area.map((lsoa) => [lsoa.code, lsoa.wardCode ?? UNPLACED]));
  const police = policeCountsByMonthAndLsoa(store, months).map((row) => ({ keys: { source: 'police', ward: wardOf.get(row.lsoaCode) ?? UNPLACED }, count: row.count }));
  return tableFromCounts(ED_POLICE_WARD_TABLE, `ED assault attendances and police-recorded crimes by ward, ${label}`, [sourceDimension(), ward], [...edCounts(store, months, 'ward_code', ward), ...police]);
}
