/**
 * CSV for machines: protected tables in long form (one row per cell, margins
 * included) and the police record extract. Each CSV gets a W3C CSVW metadata
 * file beside it (`<name>.csv-metadata.json`) carrying the title and the method
 * statement, so the CSV itself stays plain enough for Excel and QGIS to open as-is.
 */
import { TOTAL, type ProtectedTable } from '../../disclose/types.ts';
import { csvText, type CsvValue } from '../../lib/csv.ts';

/** A CSV file for a pack: CRLF line ends, and the formula guard of every CSV istv writes. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return csvText(header, rows);
}

export const TOTAL_IN_CSV = 'Total';

/** One row per cell: for each dimension its code and label, then value (empty when not published), display and status. */
export function protectedTableToCsv(table: ProtectedTable): string {
  const header = [...table.dimensions.flatMap((dimension) => [dimension.name, `${dimension.name}_label`]), 'value', 'display', 'status'];
  const rows = table.cells.map((cell) => [
    ...table.dimensions.flatMap((dimension) => {
      const key = cell.keys[dimension.name] ?? TOTAL;
      return key === TOTAL ? [TOTAL_IN_CSV, TOTAL_IN_CSV] : [key, dimension.valueLabels?.[key] ?? key];
    }),
    cell.value,
    cell.display,
    cell.status,
  ]);
  return toCsv(header, rows);
}

export interface CsvColumnDescription {
  name: string;
  title: string;
  datatype?: 'string' | 'integer' | 'number' | 'date';
}

/** CSVW metadata (https://www.w3.org/TR/tabular-metadata/) for a CSV file, with the method statement as its description. */
export function csvMetadata(fileName: string, title: string, methodStatement: string, columns: CsvColumnDescription[]): string {
  return `${JSON.stringify(
    {
      '@context': 'http://www.w3.org/ns/csvw',
      url: fileName,
      'dc:title': title,
      'dc:description': methodStatement,
      tableSchema: { columns: columns.map((column) => ({ name: column.name, titles: column.title, datatype: column.datatype ?? 'string' })) },
    },
    null,
    2,
  )}\n`;
}

export function protectedTableColumns(table: ProtectedTable): CsvColumnDescription[] {
  return [
    ...table.dimensions.flatMap((dimension) => [
      { name: dimension.name, title: `${dimension.label} (code)` },
      { name: `${dimension.name}_label`, title: dimension.label },
    ]),
    { name: 'value', title: 'Published value (empty when not published)', datatype: 'integer' as const },
    { name: 'display', title: 'As displayed' },
    { name: 'status', title: 'Disclosure status' },
  ];
}
