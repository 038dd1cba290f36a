/**
 * The validate stage for one extract: reads the file's records and turns each
 * into an accepted `ExtractRow` or a rejection, with every issue as data. What
 * needs the whole file rather than one row (the column count the header set, a
 * site that differs from the extract's, an attendance sent twice) is checked
 * here too, so the stages after this one see each row exactly once and in order.
 */
import type { CsvFormat, CsvRecord } from './read-csv.ts';
import { readCsvRecordBatches } from './read-csv.ts';
import { AttendanceRegister, attendanceHash } from './attendance-register.ts';
import { parseDate } from './dates.ts';
import type { InputColumn } from '../../schemas/columns.ts';
import { createRowSchema, validateRow, type RawRow, type RowSchemaOptions } from './row-schema.ts';
import type { ExtractRow, HeaderMapping, IdentifierFields, RowIssue } from './types.ts';

/** One row read: accepted (`row` set, issues are warnings) or rejected (`row` null, at least one error). */
export interface ValidatedRow {
  line: number;
  row: ExtractRow | null;
  issues: RowIssue[];
}

export interface ExtractValidationOptions {
  file: string;
  /** The name reported in issues (the file as the hospital named it). */
  fileName: string;
  format: CsvFormat;
  mapping: HeaderMapping;
  /** Fields in the header line: a row with more or fewer has lost or gained a delimiter. */
  headerWidth: number;
  /** The site this extract is from: a row naming another site is rejected. */
  siteCode: string;
  schema: RowSchemaOptions;
}

/** Separates the row's contract columns from identifier columns (which only the de-identify stage may read). */
export function splitRow(mapping: HeaderMapping, fields: string[]): { raw: RawRow; identifiers: IdentifierFields } {
  const raw: RawRow = {};
  const identifiers: IdentifierFields = {};
  for (const column of mapping.columns) {
    const value = fields[column.index];
    if (value === undefined) continue;
    if (column.target.kind === 'canonical') raw[column.target.field as InputColumn] = value;
    else if (column.target.kind === 'identifier' && value.trim() !== '') {
      const field = column.target.field;
      // Several name or address columns (forename, surname; address lines) are kept together.
      const joined = identifiers[field] ? `${identifiers[field]} ${value.trim()}` : value.trim();
      identifiers[field] = field === 'dateOfBirth' ? parseDate(joined) ?? joined : joined;
    }
  }
  return { raw, identifiers };
}

function hasTextBeyond(fields: string[], width: number): boolean {
  for (let index = width; index < fields.length; index += 1) if (fields[index]!.trim() !== '') return true;
  return false;
}

/** Validates the records of one extract in order; `close` frees the attendance register. */
export class ExtractValidator {
  private readonly schema;
  private readonly attendances = new AttendanceRegister();

  constructor(private readonly options: Omit<ExtractValidationOptions, 'file' | 'format'>) {
    this.schema = createRowSchema(options.schema);
  }

  /** Validates one record; records must come in file order, for the duplicate check. */
  validate(record: CsvRecord): ValidatedRow {
    const { fileName, mapping, headerWidth, siteCode } = this.options;
    const { line, fields } = record;
    const { raw, identifiers } = splitRow(mapping, fields);
    let { row, issues } = validateRow(this.schema, fileName, line, raw, identifiers);
    const extra: RowIssue[] = [];
    if (fields.length > headerWidth && hasTextBeyond(fields, headerWidth)) {
      extra.push({ file: fileName, line, field: null, code: 'wrong_column_count', message: `the row has ${fields.length} fields but the header has ${headerWidth}; an unquoted delimiter in a field shifts every column after it`, severity: 'error' });
    }
    if (fields.length < headerWidth) {
      // Excel drops trailing empty fields, so a short row is read with the rest blank; the hospital should still know.
      extra.push({ file: fileName, line, field: null, code: 'wrong_column_count', message: `the row has ${fields.length} fields but the header has ${headerWidth}; the missing fields were read as blank`, severity: 'warning' });
    }
    if (row && row.siteCode !== siteCode) {
      extra.push({ file: fileName, line, field: 'site_code', code: 'unknown_site', message: `site_code '${row.siteCode}' differs from this extract's site ${siteCode}; send each site's rows in its own file`, severity: 'error' });
    }
    if (row && row.attendanceId !== null && this.attendances.seenBefore(attendanceHash(siteCode, row.attendanceId))) {
      extra.push({ file: fileName, line, field: 'attendance_id', code: 'duplicate_attendance', message: 'attendance_id repeats an earlier row of this file; the later row was rejected', severity: 'error' });
    }
    if (extra.length > 0) {
      issues = [...extra, ...issues];
      if (extra.some((issue) => issue.severity === 'error')) row = null;
    }
    return { line, row, issues };
  }

  close(): void {
    this.attendances.close();
  }
}

/**
 * Reads and validates the extract's data rows (the header line is skipped), in
 * batches in file order. Throws a CsvStructureError when the quoting breaks.
 */
export async function* validateExtract(options: ExtractValidationOptions): AsyncGenerator<ValidatedRow[]> {
  const validator = new ExtractValidator(options);
  try {
    let headerSkipped = false;
    for await (const records of readCsvRecordBatches(options.file, options.format)) {
      // The first record is the header, whatever line blank lines put it on.
      const rows = headerSkipped ? records : records.slice(1);
      headerSkipped = true;
      if (rows.length > 0) yield rows.map((record) => validator.validate(record));
    }
  } finally {
    validator.close();
  }
}
