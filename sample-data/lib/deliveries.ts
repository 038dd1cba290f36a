/**
 * How some sample extracts reach the CSP other than as CSV: as an Excel
 * workbook (written by ExcelJS, dates as real date cells, small whole numbers
 * as numbers, the way a spreadsheet saved from a hospital system has them), or
 * as a CSV inside a ZIP archive (written by yazl).
 *
 * Deterministic: ExcelJS stamps the time of writing into the workbook and its
 * ZIP entries, so the workbook's parts are repacked with a fixed time, in the
 * order ExcelJS wrote them.
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import yazl from 'yazl';

export type Delivery = 'csv' | 'xlsx' | 'zip';

/** The time stamped on everything packed, so that a rerun writes the same bytes. */
const PACKED_AT = new Date(Date.UTC(2026, 10, 1, 9, 0, 0));

function realDate(year: number, month: number, day: number, hours = 0, minutes = 0): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hours < 24 && minutes < 60;
  return real ? date : null;
}

/**
 * A CSV field as the cell a spreadsheet would hold: a real date (and time) or a
 * time of day as a date cell, a whole number without a leading zero as a number, anything else
 * (codes such as "03", impossible dates, free text) as text.
 */
function cellOf(value: string): { value: ExcelJS.CellValue; numFmt?: string } {
  let match = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/.exec(value);
  if (match) {
    const date = realDate(Number(match[3]), Number(match[2]), Number(match[1]), Number(match[4] ?? 0), Number(match[5] ?? 0));
    if (date) return { value: date, numFmt: match[4] === undefined ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm' };
  }
  match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00)?$/.exec(value);
  if (match) {
    const date = realDate(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]));
    if (date) return { value: date, numFmt: 'yyyy-mm-dd hh:mm' };
  }
  match = /^(\d{2}):(\d{2})$/.exec(value);
  // A time of day is a fraction of a day: day 0 of Excel's calendar is 1899-12-30.
  if (match && Number(match[1]) < 24 && Number(match[2]) < 60) return { value: new Date(Date.UTC(1899, 11, 30, Number(match[1]), Number(match[2]))), numFmt: 'hh:mm' };
  if (/^(0|[1-9]\d{0,2})$/.test(value)) return { value: Number(value) };
  return { value };
}

/** Re-packs a ZIP's members in their order with a fixed time stamp. */
async function repack(bytes: Buffer): Promise<Buffer> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, opened) => (error || !opened ? reject(error) : resolve(opened))),
  );
  const members: Array<{ name: string; data: Buffer }> = [];
  await new Promise<void>((resolve, reject) => {
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, async (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        members.push({ name: entry.fileName, data: Buffer.concat(chunks) });
        zipfile.readEntry();
      });
    });
    zipfile.on('end', resolve);
    zipfile.on('error', reject);
    zipfile.readEntry();
  });
  return zipBytes(members);
}

/** A ZIP archive of the members, in order, stamped with the fixed time. */
export function zipBytes(members: Array<{ name: string; data: Buffer | string }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const member of members) {
    if (member.name.endsWith('/')) zip.addEmptyDirectory(member.name, { mtime: PACKED_AT });
    else zip.addBuffer(Buffer.from(member.data), member.name, { mtime: PACKED_AT });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** The header and rows as a one-sheet workbook. */
export async function workbookBytes(rows: string[][], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ED information system';
  workbook.created = PACKED_AT;
  workbook.modified = PACKED_AT;
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((fields, index) => {
    const row = sheet.addRow(index === 0 ? fields : fields.map((field) => cellOf(field).value));
    if (index === 0) return;
    fields.forEach((field, column) => {
      const numFmt = cellOf(field).numFmt;
      if (numFmt) row.getCell(column + 1).numFmt = numFmt;
    });
  });
  return repack(Buffer.from(await workbook.xlsx.writeBuffer()));
}
