/**
 * Streams the rows of one worksheet of an .xlsx workbook as records, the same
 * shape the CSV reader gives (the row number stands for the line). The small
 * parts (workbook, relationships, shared strings, styles) are read first, by
 * name, from the ZIP directory; the sheet itself is inflated and parsed as a
 * stream, so memory follows the shared strings, not the sheet. Nothing is
 * written to disk: a spreadsheet of attendances never leaves the data dir.
 *
 * Cells become text the way the row schema reads a CSV exported by Excel:
 * date-formatted cells (and ISO dates) become `YYYY-MM-DD`, `HH:MM` or
 * `YYYY-MM-DD HH:MM`, in the workbook's 1900 or 1904 date system; numbers keep
 * their stored digits (an unformatted date stays an Excel serial, which the
 * date parser accepts); booleans become TRUE/FALSE; error cells are blank.
 */
import path from 'node:path/posix';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DEFAULT_ZIP_LIMITS, openZip, readMember, type OpenZip, type ZipLimits } from '../intake/zip.ts';
import { CsvStructureError, type CsvRecord } from './read-csv.ts';

export interface XlsxFormat {
  kind: 'xlsx';
  /** The sheet to read by name (the site's config), or null for the first visible sheet. */
  sheet: string | null;
}

/** A workbook that cannot be read as an extract: a value the caller turns into a quarantine reason. */
export class WorkbookError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WorkbookError';
  }
}

/** The parts read whole; real ones are kilobytes to a few megabytes (shared strings). */
const MAX_PART_BYTES = 256 * 1024 * 1024;

interface SheetEntry {
  name: string;
  part: string;
  hidden: boolean;
}

interface CellStyle {
  date: boolean;
  time: boolean;
}

interface Workbook {
  sheets: SheetEntry[];
  date1904: boolean;
  sharedStrings: string[];
  styles: CellStyle[];
}

/** Parses a whole small XML part, calling `open`/`close`/`text` for each event. */
function parseXml(xml: string, handlers: { open?: (tag: SaxesTagPlain) => void; close?: (tag: SaxesTagPlain) => void; text?: (text: string) => void }): void {
  const parser = new SaxesParser();
  if (handlers.open) parser.on('opentag', handlers.open as (tag: unknown) => void);
  if (handlers.close) parser.on('closetag', handlers.close as (tag: unknown) => void);
  if (handlers.text) parser.on('text', handlers.text);
  parser.write(xml).close();
}

/** Local name of a possibly prefixed XML name ("x:row" → "row"). */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const attributes = tag.attributes as Record<string, string>;
  if (name in attributes) return attributes[name];
  for (const key of Object.keys(attributes)) if (local(key) === name) return attributes[key];
  return undefined;
}

async function readPart(zip: OpenZip, name: string): Promise<string | null> {
  if (!zip.members.some((member) => member.name === name)) return null;
  return (await readMember(zip, name, MAX_PART_BYTES)).toString('utf8');
}

/** The relationship targets of a part, by id, resolved against the part's folder. */
async function readRelationships(zip: OpenZip, part: string): Promise<Map<string, { target: string; type: string }>> {
  const relsPart = path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
  const xml = await readPart(zip, relsPart);
  const relationships = new Map<string, { target: string; type: string }>();
  if (xml === null) return relationships;
  parseXml(xml, {
    open(tag) {
      if (local(tag.name) !== 'Relationship') return;
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      if (!id || !target || attribute(tag, 'TargetMode') === 'External') return;
      const resolved = target.startsWith('/') ? target.slice(1) : path.normalize(path.join(path.dirname(part), target));
      relationships.set(id, { target: resolved, type: attribute(tag, 'Type') ?? '' });
    },
  });
  return relationships;
}

/** Built-in number formats that show a date or a time (ECMA-376 18.8.30, with the CJK date ids). */
function builtInStyle(id: number): CellStyle {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58)) return { date: true, time: false };
  if (id === 22) return { date: true, time: true };
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47)) return { date: false, time: true };
  return { date: false, time: false };
}

/** Whether a custom format code shows a date and/or a time: its tokens outside quotes, escapes and [colour] brackets. */
export function formatCodeStyle(code: string): CellStyle {
  const section = code.split(';')[0] ?? '';
  const elapsed = /\[(h+|m+|s+)\]/i.test(section);
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase()
    .replace(/general/g, '');
  const time = elapsed || /[hs]/.test(bare) || /am\/pm|a\/p/.test(bare);
  // "m" is a month beside d or y, and minutes beside h or s; alone it is a month.
  const date = /[dy]/.test(bare.replace(/am\/pm|a\/p/g, '')) || (/m/.test(bare) && !time);
  return { date, time };
}

async function readStyles(zip: OpenZip, part: string | undefined): Promise<CellStyle[]> {
  const xml = part ? await readPart(zip, part) : null;
  if (xml === null) return [];
  const custom = new Map<number, CellStyle>();
  const styles: CellStyle[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'numFmt') {
        const id = Number(attribute(tag, 'numFmtId'));
        custom.set(id, formatCodeStyle(attribute(tag, 'formatCode') ?? ''));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attribute(tag, 'numFmtId') ?? 0);
        styles.push(custom.get(id) ?? builtInStyle(id));
      }
    },
    close(tag) {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

async function readSharedStrings(zip: OpenZip, part: string | undefined): Promise<string[]> {
  const xml = part ? await readPart(zip, part) : null;
  if (xml === null) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  // Phonetic runs (<rPh>) are reading aids for East Asian text, not the cell's value.
  let inPhonetic = false;
  parseXml(xml, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'si') current = [];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    close(tag) {
      const name = local(tag.name);
      if (name === 'si') {
        strings.push(current?.join('') ?? '');
        current = null;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText && current) current.push(text);
    },
  });
  return strings;
}

async function readWorkbook(zip: OpenZip): Promise<Workbook> {
  const rootRelationships = await readRelationships(zip, '');
  const officeDocument = [...rootRelationships.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = officeDocument?.target ?? 'xl/workbook.xml';
  const xml = await readPart(zip, workbookPart);
  if (xml === null) throw new WorkbookError('the workbook part (xl/workbook.xml) is missing; the file is damaged or not an Excel workbook.');
  const relationships = await readRelationships(zip, workbookPart);
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  parseXml(xml, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'workbookPr') {
        const value = attribute(tag, 'date1904');
        date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        const target = relationships.get(attribute(tag, 'id') ?? '');
        // Chart sheets and dialog sheets hold no rows.
        if (!target || !target.type.endsWith('/worksheet')) return;
        const state = attribute(tag, 'state');
        sheets.push({ name: attribute(tag, 'name') ?? '', part: target.target, hidden: state === 'hidden' || state === 'veryHidden' });
      }
    },
  });
  const partOfType = (suffix: string) => [...relationships.values()].find((r) => r.type.endsWith(suffix))?.target;
  const [sharedStrings, styles] = await Promise.all([readSharedStrings(zip, partOfType('/sharedStrings')), readStyles(zip, partOfType('/styles'))]);
  return { sheets, date1904, sharedStrings, styles };
}

function chooseSheet(workbook: Workbook, wanted: string | null): SheetEntry {
  if (workbook.sheets.length === 0) throw new WorkbookError('the workbook has no worksheets.');
  if (wanted !== null) {
    const key = wanted.trim().toLowerCase();
    const sheet = workbook.sheets.find((candidate) => candidate.name.trim().toLowerCase() === key);
    if (!sheet) {
      throw new WorkbookError(`the workbook has no sheet named "${wanted}" (the site's configured sheet); its sheets are ${workbook.sheets.map((s) => `"${s.name}"`).join(', ')}.`);
    }
    return sheet;
  }
  return workbook.sheets.find((sheet) => !sheet.hidden) ?? workbook.sheets[0]!;
}

/** Column index (0-based) of a cell reference such as "AB12". */
function columnOf(reference: string): number {
  let column = 0;
  for (let index = 0; index < reference.length; index += 1) {
    const code = reference.charCodeAt(index);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return column - 1;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An Excel serial day number as wall-clock text; the parts shown follow the cell's format. */
export function serialToText(serial: number, style: CellStyle, date1904: boolean): string {
  // Seconds, rounded: Excel stores 21:30 as 0.89583333…, which floats just short of it.
  const totalSeconds = Math.round(serial * 86_400);
  const days = Math.floor(totalSeconds / 86_400);
  const secondOfDay = totalSeconds - days * 86_400;
  // Day 0 is 1899-12-30 in the 1900 system (Excel's phantom 29 Feb 1900 makes day 60 the only one off), 1904-01-01 in the 1904 one.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const day = new Date(epoch + days * 86_400_000);
  const dateText = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  const seconds = secondOfDay % 60;
  const timeText = `${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor(secondOfDay / 60) % 60)}${seconds ? `:${pad(seconds)}` : ''}`;
  const showTime = style.time || secondOfDay !== 0;
  if (!style.date && days === 0) return timeText;
  return showTime ? `${dateText} ${timeText}` : dateText;
}

/** An ISO 8601 cell (t="d") as the same wall-clock text. */
function isoToText(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2}))?)?/.exec(value.trim());
  if (!match) return value;
  if (match[1] === '1899-12-30' || match[1] === '1899-12-31') return match[2] ?? '';
  return match[2] && (match[2] !== '00:00' || (match[3] && match[3] !== '00')) ? `${match[1]} ${match[2]}` : match[1]!;
}

const NO_STYLE: CellStyle = { date: false, time: false };

/**
 * The rows of the chosen sheet, in batches, blank rows skipped. Each row is as
 * wide as the header row at least (Excel does not store empty cells, so a row
 * with blank trailing cells is not a short row).
 */
export async function* readXlsxRecordBatches(file: string, format: XlsxFormat, limits: ZipLimits = DEFAULT_ZIP_LIMITS): AsyncGenerator<CsvRecord[]> {
  const opened = await openZip(file, limits);
  if (!opened.ok) throw new WorkbookError(`the workbook ${opened.reason}`);
  const zip = opened.zip;
  try {
    const workbook = await readWorkbook(zip);
    const sheet = chooseSheet(workbook, format.sheet);
    if (!zip.members.some((member) => member.name === sheet.part)) throw new WorkbookError(`the sheet "${sheet.name}" is missing from the workbook; the file is damaged.`);
    const source = await zip.openMember(sheet.part);

    let batch: CsvRecord[] = [];
    let headerWidth = 0;
    let rowNumber = 0;
    let fields: string[] = [];
    let nextColumn = 0;
    let cell: { column: number; type: string; style: CellStyle } | null = null;
    let value: string[] = [];
    let inValue = false;
    let inInline = false;
    let inPhonetic = false;
    let inSheetData = false;

    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      if (name === 'row') {
        const r = Number(attribute(tag as SaxesTagPlain, 'r'));
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        fields = [];
        nextColumn = 0;
      } else if (name === 'c') {
        const reference = attribute(tag as SaxesTagPlain, 'r');
        const column = reference ? columnOf(reference) : nextColumn;
        const styleIndex = Number(attribute(tag as SaxesTagPlain, 's') ?? 0);
        cell = { column: column >= 0 ? column : nextColumn, type: attribute(tag as SaxesTagPlain, 't') ?? 'n', style: workbook.styles[styleIndex] ?? NO_STYLE };
        value = [];
      } else if (name === 'v' && cell) inValue = true;
      else if (name === 'is' && cell) inInline = true;
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inInline && !inPhonetic) inValue = true;
    });
    parser.on('text', (text) => {
      if (inValue) value.push(text);
    });
    parser.on('closetag', (tag) => {
      const name = local(tag.name);
      if (name === 'sheetData') inSheetData = false;
      else if (name === 'v' || name === 't') inValue = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'is') inInline = false;
      else if (name === 'c' && cell) {
        const raw = value.join('');
        let text: string;
        switch (cell.type) {
          case 's':
            // A shared-string cell without its index is blank, not the first string.
            text = raw === '' ? '' : (workbook.sharedStrings[Number(raw)] ?? '');
            break;
          case 'inlineStr':
          case 'str':
            text = raw;
            break;
          case 'b':
            text = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : '';
            break;
          case 'e':
            // #N/A, #VALUE! and the like: no value.
            text = '';
            break;
          case 'd':
            text = isoToText(raw);
            break;
          default: {
            const number = Number(raw);
            text = raw !== '' && Number.isFinite(number) && (cell.style.date || cell.style.time) ? serialToText(number, cell.style, workbook.date1904) : raw;
          }
        }
        while (fields.length < cell.column) fields.push('');
        fields[cell.column] = text;
        nextColumn = cell.column + 1;
        cell = null;
      } else if (name === 'row') {
        if (fields.every((field) => field.trim() === '')) return;
        if (headerWidth === 0) {
          // The header row: trailing blank header cells are not columns.
          let width = fields.length;
          while (width > 0 && fields[width - 1]!.trim() === '') width -= 1;
          headerWidth = width;
          fields.length = width;
        } else {
          while (fields.length < headerWidth) fields.push('');
        }
        batch.push({ line: rowNumber, fields });
      }
    });

    const decoder = new TextDecoder('utf-8');
    try {
      for await (const chunk of source) {
        parser.write(decoder.decode(chunk as Buffer, { stream: true }));
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
      }
      parser.write(decoder.decode()).close();
    } catch (error) {
      if (error instanceof WorkbookError) throw error;
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      // The row that was being read when the XML broke; rows before it were read.
      throw new CsvStructureError(rowNumber || null, `the worksheet "${sheet.name}" cannot be read (${message}); the workbook may be damaged`);
    } finally {
      source.destroy();
    }
    if (batch.length > 0) yield batch;
  } finally {
    zip.close();
  }
}
