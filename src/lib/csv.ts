/**
 * Every CSV istv writes goes through here (csv-stringify, from the csv-parse
 * project istv reads with). What it adds is the formula-injection guard: the
 * files are opened in spreadsheets, and a field that starts like a formula
 * (`=`, `+`, `-`, `@`, a tab or a carriage return) would run as one there, so it is
 * written with a leading apostrophe, which Excel and LibreOffice show as text.
 * Location text comes from hospital staff and analysts' lists, so it can start
 * with anything.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text field as written: with an apostrophe in front when a spreadsheet would take it for a formula. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface CsvOptions {
  /** Line ending: CRLF (RFC 4180, the default) or LF. */
  eol?: '\r\n' | '\n';
  /** Quote fields with a space at either end too, so that a reader that trims unquoted fields keeps them. */
  quoteEdgeSpace?: boolean;
}

/** A CSV file's text: the header, then one line per row. Every row must be as long as the header. */
export function csvText(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>, options: CsvOptions = {}): string {
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`Unexpected CSV row length: ${row.length} (header has ${header.length})`);
  }
  return stringify([header, ...rows] as CsvValue[][], {
    record_delimiter: options.eol ?? '\r\n',
    // csv-stringify quotes a field holding the whole record delimiter; a lone CR or LF
    // inside a field must be quoted too, or a reader would split the record there.
    quoted_match: options.quoteEdgeSpace ? [/[\r\n]/, /^\s|\s$/] : [/[\r\n]/],
    cast: {
      string: guardFormula,
      number: (value) => {
        if (!Number.isFinite(value)) throw new Error(`Unexpected number in CSV: ${value}`);
        return String(value);
      },
    },
  });
}
