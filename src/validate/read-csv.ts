/**
 * Streams the records of a delimited text file with the physical line each
 * starts on. Copes with what hospital systems and Excel write: a UTF-8 or
 * UTF-16 byte-order mark, Windows-1252 text, CRLF or LF, quoted fields with
 * embedded newlines, comma, semicolon, tab or pipe delimiters, and blank lines.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvFormat {
  encoding: TextEncoding;
  delimiter: string;
}

/** The largest record accepted; a longer one means broken quoting, not a real row. */
export const MAX_RECORD_BYTES = 64 * 1024;
const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

export class CsvStructureError extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? reason : `line ${line}: ${reason}`);
    this.name = 'CsvStructureError';
  }
}

function detectEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    // A sample cut mid-character is still valid UTF-8 if we drop the last 3 bytes.
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length === SAMPLE_BYTES ? sample.subarray(0, -3) : sample);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The delimiter that occurs most often outside quotes in the header line. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const character of firstLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

function decodeSample(sample: Buffer, encoding: TextEncoding): string {
  const label = encoding === 'utf-16be' ? 'utf-16be' : encoding;
  return new TextDecoder(label).decode(sample).replace(/^\ufeff/, '');
}

export async function detectCsvFormat(file: string): Promise<CsvFormat> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const sample = buffer.subarray(0, bytesRead);
    const encoding = detectEncoding(sample);
    const text = decodeSample(sample, encoding);
    const firstLine = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
    return { encoding, delimiter: detectDelimiter(firstLine) };
  } finally {
    await handle.close();
  }
}

/**
 * Line breaks inside a record's fields. Only a quoted field can hold one (any
 * other line break ends the record), so the record spans this many lines more
 * than one. Counted from the fields because asking csv-parse for each record's
 * raw text costs a fifth of its parsing time.
 */
function lineBreaksWithin(fields: string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    for (let index = 0; index < field.length; index += 1) {
      const code = field.charCodeAt(index);
      if (code === 10) breaks += 1;
      else if (code === 13) {
        breaks += 1;
        if (field.charCodeAt(index + 1) === 10) index += 1;
      }
    }
  }
  return breaks;
}

const PARSE_ERROR_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote closes a field in the middle of its text',
  CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_RECORD_BYTES} characters (broken quoting?)`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
};

function structureError(error: unknown, line: number): CsvStructureError {
  if (error instanceof CsvStructureError) return error;
  const parseError = error as Error & { code?: string };
  return new CsvStructureError(line, PARSE_ERROR_REASONS[parseError.code ?? ''] ?? `the file cannot be read as delimited text (${parseError.code ?? parseError.message})`);
}

function isBlankRecord(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/**
 * Yields the records of the file in batches (one per chunk read from disk),
 * blank lines skipped, each with its starting line. Throws a CsvStructureError
 * (with the line) when the quoting is broken, since nothing after that point
 * can be read reliably. Batches, because an await per record costs more than
 * parsing the record does.
 */
export async function* readCsvRecordBatches(file: string, format: CsvFormat): AsyncGenerator<CsvRecord[]> {
  const source = createReadStream(file);
  // UTF-8 goes to csv-parse as bytes (it reads UTF-8 itself, and decoding first would
  // only have it encode the text again); UTF-16 and Windows-1252 are decoded here.
  const decoder = format.encoding === 'utf-8' ? null : new TextDecoder(format.encoding);
  const parser = parse({
    bom: true,
    delimiter: format.delimiter,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  let parseFailure: unknown = null;
  parser.on('error', (error) => {
    parseFailure ??= error;
  });
  let line = 1;
  // csv-parse transforms synchronously inside write(), so after each write the
  // records of that text are waiting in its buffer, in order.
  const take = (): CsvRecord[] => {
    const batch: CsvRecord[] = [];
    let fields: string[] | null;
    while ((fields = parser.read() as string[] | null) !== null) {
      const start = line;
      line += lineBreaksWithin(fields) + 1;
      if (isBlankRecord(fields)) continue;
      batch.push({ line: start, fields: start === 1 ? fields.map((f) => f.replace(/^\ufeff/, '')) : fields });
    }
    // The record that failed starts where the last good one ended: that is where the stray quote is.
    if (parseFailure !== null) throw structureError(parseFailure, line);
    return batch;
  };
  try {
    for await (const chunk of source) {
      parser.write(decoder ? decoder.decode(chunk as Buffer, { stream: true }) : (chunk as Buffer));
      const batch = take();
      if (batch.length > 0) yield batch;
    }
    const rest = decoder?.decode() ?? '';
    if (rest) parser.write(rest);
    // The last record is only parsed (or found broken) when the input ends; errors arrive a tick later.
    // csv-parse destroys itself on an error, and a destroyed stream emits neither
    // 'finish' nor 'close' again: waiting for them then would wait forever.
    await new Promise<void>((resolve) => {
      if (parser.destroyed || parseFailure !== null) return resolve();
      parser.once('finish', resolve);
      parser.once('close', resolve);
      parser.once('error', () => resolve());
      parser.end();
    });
    // The error of the last record is emitted a tick after it is found.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const batch = take();
    if (batch.length > 0) yield batch;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** The records one at a time: for callers that read a few (the header) or want simplicity over speed. */
export async function* readCsvRecords(file: string, format: CsvFormat): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvRecordBatches(file, format)) yield* batch;
}
