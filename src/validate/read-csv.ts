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

function countLineBreaks(raw: string): number {
  const body = raw.replace(/(\r\n|\r|\n)$/, '');
  return body.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * Yields every record, blank lines skipped, with its starting line. Throws a
 * CsvStructureError (with the line) when the quoting is broken, since nothing
 * after that point can be read reliably.
 */
export async function* readCsvRecords(file: string, format: CsvFormat): AsyncGenerator<CsvRecord> {
  const source = createReadStream(file);
  const decoder = new TextDecoder(format.encoding === 'utf-16be' ? 'utf-16be' : format.encoding);
  const parser = parse({
    bom: true,
    delimiter: format.delimiter,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: false,
    raw: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // Decode to text ourselves so that UTF-16 and Windows-1252 reach csv-parse as strings.
  (async () => {
    try {
      for await (const chunk of source) {
        const text = decoder.decode(chunk as Buffer, { stream: true });
        if (!parser.write(text)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      const rest = decoder.decode();
      if (rest) parser.write(rest);
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  let line = 1;
  try {
    for await (const output of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = line;
      line += countLineBreaks(output.raw) + 1;
      const fields = output.record;
      if (fields.every((field) => field.trim() === '')) continue;
      yield { line: start, fields: start === 1 ? fields.map((f) => f.replace(/^\ufeff/, '')) : fields };
    }
  } catch (error) {
    if (error instanceof CsvStructureError) throw error;
    const parseError = error as Error & { code?: string };
    // The record that failed starts where the last good one ended: that is where the stray quote is.
    const where = line;
    const reasons: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
      CSV_INVALID_CLOSING_QUOTE: 'a quote closes a field in the middle of its text',
      CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_RECORD_BYTES} characters (broken quoting?)`,
      CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
    };
    throw new CsvStructureError(where, reasons[parseError.code ?? ''] ?? `the file cannot be read as delimited text (${parseError.code ?? parseError.message})`);
  } finally {
    source.destroy();
  }
}
