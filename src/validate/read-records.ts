/**
 * One way to read an extract's records, whatever the file format: the reader
 * is chosen by the format, which the intake stage sniffed from the bytes. Every
 * reader yields the same records (fields with the line or sheet row they start
 * on) and throws a CsvStructureError with the line when the file breaks part
 * way, or a WorkbookError when a workbook cannot be read at all.
 */
import { detectCsvFormat, readCsvRecordBatches, type CsvFormat, type CsvRecord } from './read-csv.ts';
import { readXlsxRecordBatches, type XlsxFormat } from './read-xlsx.ts';

export type DelimitedFormat = CsvFormat & { kind: 'delimited' };
export type ExtractFormat = DelimitedFormat | XlsxFormat;

/** The format to read a file with, given what its bytes are and (for a workbook) the site's sheet. */
export async function detectExtractFormat(file: string, kind: 'text' | 'xlsx', sheet: string | null = null): Promise<ExtractFormat> {
  if (kind === 'xlsx') return { kind: 'xlsx', sheet };
  return { kind: 'delimited', ...(await detectCsvFormat(file)) };
}

export function readRecordBatches(file: string, format: ExtractFormat): AsyncGenerator<CsvRecord[]> {
  return format.kind === 'xlsx' ? readXlsxRecordBatches(file, format) : readCsvRecordBatches(file, format);
}

export async function* readRecords(file: string, format: ExtractFormat): AsyncGenerator<CsvRecord> {
  for await (const batch of readRecordBatches(file, format)) yield* batch;
}
