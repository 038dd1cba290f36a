/**
 * Reads resident population by LSOA from the CSVs ONS publishes, in either of
 * their usual shapes:
 * - wide, one row per LSOA (mid-year small area population estimates: an LSOA
 *   code column, "All Ages" or "Total", then single years of age or F0…M90);
 * - long, one row per LSOA and category (Census 2021 custom datasets and Nomis
 *   downloads: `lsoa21cd, age_group, usual_residents`), summed per LSOA; a
 *   category that is itself the total ("Total", "All ages") is taken as the
 *   total rather than added to the others.
 * A count that is not a whole number, or an LSOA given twice, is an error
 * naming the file, line and column: a population off by a factor would make
 * every rate wrong without a sign.
 */
import type { CsvTable } from './csv.ts';
import { headerKey, readCsvTable } from './csv.ts';

export interface PopulationReadResult {
  /** Residents by LSOA code. */
  population: Map<string, number>;
  format: string;
  /** Rows read. */
  rows: number;
}

const CODE_COLUMNS = ['lsoa21cd', 'lsoa11cd', 'lsoacode', 'lsoa2021code', 'lsoa2011code', 'lsoa21code', 'lsoa11code', 'lowerlayersuperoutputareas2021code', 'lowerlayersuperoutputareascode', 'areacodes', 'areacode', 'geographycode', 'lsoa'];
const TOTAL_COLUMNS = ['allages', 'total', 'usualresidents', 'allusualresidents', 'population', 'persons', 'allpersons', 'observation', 'obsvalue', 'value', 'count'];
const CATEGORY_COLUMNS = ['agegroup', 'age', 'agegroups', 'age6categories', 'agebands', 'ageband', 'sex', 'category'];
/** A category value that stands for the whole of its LSOA. */
const TOTAL_CATEGORY = /^(total|all ages|all|all persons|persons|all usual residents|total: all usual residents)$/i;
/** Single-year and sex-by-age columns of the wide estimates: "0", "90+", "Age 5", "F0", "M90". */
const AGE_COLUMN = /^(age\s*)?\d{1,2}\+?$|^[fm]\d{1,2}\+?$/i;
const LSOA_CODE = /^[EW]01\d{6}$/;

function count(table: CsvTable, line: number, column: number, value: string | undefined): number {
  const text = (value ?? '').replace(/,/g, '').trim();
  if (!/^\d+(\.0+)?$/.test(text)) {
    throw new Error(`${table.file}: line ${line}, column ${table.header[column] ?? column + 1}: expected a whole number of residents, found ${JSON.stringify(value ?? '')}`);
  }
  return Number(text);
}

export function readPopulation(filePath: string): PopulationReadResult {
  const table = readCsvTable(filePath);
  const keys = table.header.map(headerKey);
  const codeColumn = keys.findIndex((key) => CODE_COLUMNS.includes(key));
  if (codeColumn < 0) {
    throw new Error(`${table.file}: expected an LSOA code column (lsoa21cd, LSOA Code, LSOA 2021 Code, Area Codes, geography code) but found: ${table.header.join(', ')}`);
  }
  const totalColumn = keys.findIndex((key) => TOTAL_COLUMNS.includes(key));
  const ageColumns = keys.flatMap((key, index) => (AGE_COLUMN.test(table.header[index]!.trim()) ? [index] : []));
  const categoryColumns = keys.flatMap((key, index) => (CATEGORY_COLUMNS.includes(key) ? [index] : []));
  if (totalColumn < 0 && ageColumns.length === 0) {
    throw new Error(`${table.file}: expected a count column (All Ages, Total, usual_residents, Observation) or single-year age columns, but found: ${table.header.join(', ')}`);
  }
  const long = categoryColumns.length > 0 && totalColumn >= 0;
  const sums = new Map<string, number>();
  const totals = new Map<string, number>();
  const seen = new Set<string>();
  let rows = 0;
  table.rows.forEach((row, index) => {
    const line = index + 2;
    const code = (row[codeColumn] ?? '').trim().toUpperCase();
    // ONS files carry rows for larger areas (the LAD, "England") among the LSOAs; only LSOAs are population of an LSOA.
    if (!LSOA_CODE.test(code)) return;
    rows += 1;
    if (long) {
      const categories = categoryColumns.map((column) => (row[column] ?? '').trim());
      const key = `${code}|${categories.join('|')}`;
      if (seen.has(key)) throw new Error(`${table.file}: line ${line}: LSOA ${code} and ${categories.join(', ')} appear twice`);
      seen.add(key);
      const value = count(table, line, totalColumn, row[totalColumn]);
      if (categories.every((category) => TOTAL_CATEGORY.test(category) || category === '')) totals.set(code, value);
      else if (categories.some((category) => TOTAL_CATEGORY.test(category))) return; // a subtotal (e.g. all ages of one sex) is in the other rows already
      else sums.set(code, (sums.get(code) ?? 0) + value);
      return;
    }
    if (seen.has(code)) throw new Error(`${table.file}: line ${line}: LSOA ${code} appears twice`);
    seen.add(code);
    const value = totalColumn >= 0 ? count(table, line, totalColumn, row[totalColumn]) : ageColumns.reduce((sum, column) => sum + count(table, line, column, row[column]), 0);
    totals.set(code, value);
  });
  const population = new Map<string, number>(sums);
  for (const [code, value] of totals) population.set(code, value);
  const format = long
    ? `population by LSOA, long format (${categoryColumns.map((column) => table.header[column]).join(', ')}; ${table.header[totalColumn]} summed per LSOA)`
    : `population by LSOA, one row per LSOA (${totalColumn >= 0 ? table.header[totalColumn] : `sum of ${ageColumns.length} age columns`})`;
  if (population.size === 0) throw new Error(`${table.file}: no row has an LSOA code (E01… or W01…)`);
  return { population, format, rows };
}
