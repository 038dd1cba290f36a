/**
 * What a file is, from its bytes, never its name: hospital IT renames freely
 * ("extract.csv" that is a workbook, a zip, or a screenshot). An allow-list:
 * delimited text, an .xlsx workbook or a ZIP archive of extracts are read;
 * everything else is refused with a reason that names what it looks like, so
 * the sender knows what to send instead.
 */
import { open } from 'node:fs/promises';
import { openZip, type OpenZip, type ZipLimits, DEFAULT_ZIP_LIMITS } from './zip.ts';

export type SniffResult =
  | { kind: 'text' }
  | { kind: 'xlsx' }
  | { kind: 'zip' }
  /** `reason` completes "The file was not read: ...". */
  | { kind: 'refused'; reason: string };

const SAMPLE_BYTES = 8 * 1024;

/** Known binary formats, by their first bytes, to name in the refusal. */
const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old-style Excel .xls workbook or a password-protected Office file. Save it as .xlsx without a password, or as CSV' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document. Send the extract as CSV or .xlsx' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image. Send the extract as CSV or .xlsx' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image. Send the extract as CSV or .xlsx' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image. Send the extract as CSV or .xlsx' },
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed. Send the CSV itself, or a .zip archive' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed. Send the CSV itself, or a .zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive. Send the CSV itself, or a .zip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive. Send the CSV itself, or a .zip archive' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database. Send the extract as CSV or .xlsx' },
  { bytes: [0x50, 0x4b, 0x07, 0x08], what: 'one part of a split ZIP archive. Send the whole archive as one file' },
];

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function startsWith(sample: Buffer, bytes: number[]): boolean {
  return sample.length >= bytes.length && bytes.every((byte, index) => sample[index] === byte);
}

/**
 * Whether the sample reads as text: no NUL byte (unless UTF-16 with a byte-order
 * mark) and almost no control characters besides tab, line ends and form feed.
 */
function looksLikeText(sample: Buffer): { text: true } | { text: false; reason: string } {
  if (sample.length === 0) return { text: true };
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  if (utf16) return { text: true };
  let nul = 0;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) nul += 1;
    else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
  }
  if (nul > 0) {
    // Every other byte NUL is UTF-16 text saved without its byte-order mark.
    const evenNul = sample.filter((byte, index) => index % 2 === 0 && byte === 0).length;
    const oddNul = sample.filter((byte, index) => index % 2 === 1 && byte === 0).length;
    if (Math.max(evenNul, oddNul) > sample.length * 0.4) {
      return { text: false, reason: 'it looks like UTF-16 text saved without a byte-order mark, which cannot be read reliably. Save it as UTF-8 CSV' };
    }
    return { text: false, reason: 'it is binary data of a type istv does not read (not delimited text, .xlsx or .zip). Send the extract as CSV or .xlsx' };
  }
  if (control > sample.length / 100) {
    return { text: false, reason: 'it is binary data of a type istv does not read (not delimited text, .xlsx or .zip). Send the extract as CSV or .xlsx' };
  }
  return { text: true };
}

/** A markup document (Excel's "XML Spreadsheet 2003", a web page saved as .xls) is text, but not delimited text. */
function markupKind(sample: Buffer): string | null {
  const head = sample.subarray(0, 512).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (head.startsWith('<?xml')) return 'an XML document (perhaps Excel\'s "XML Spreadsheet" format), not delimited text. Save it as .xlsx or CSV';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<table')) return 'an HTML page (perhaps a report saved as .xls), not delimited text. Save it as .xlsx or CSV';
  if (head.startsWith('{\\rtf')) return 'an RTF document, not delimited text. Send the extract as CSV or .xlsx';
  return null;
}

/** Which office document a ZIP container is, from its member names. */
export function containerKind(zip: Pick<OpenZip, 'members'>): SniffResult {
  const names = new Set(zip.members.map((member) => member.name));
  if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin')) {
    if (names.has('xl/workbook.bin')) return { kind: 'refused', reason: 'it is a binary Excel workbook (.xlsb). Save it as .xlsx or CSV' };
    return { kind: 'xlsx' };
  }
  if (names.has('word/document.xml')) return { kind: 'refused', reason: 'it is a Word document. Send the extract as CSV or .xlsx' };
  if (names.has('ppt/presentation.xml')) return { kind: 'refused', reason: 'it is a PowerPoint presentation. Send the extract as CSV or .xlsx' };
  if (names.has('mimetype') && names.has('content.xml')) return { kind: 'refused', reason: 'it is an OpenDocument file (.ods). Save it as .xlsx or CSV' };
  return { kind: 'zip' };
}

/**
 * Sniffs a file. A ZIP container is opened (its directory only, within the
 * limits) to tell a workbook from an archive; a container that fails the limits
 * is refused here, before anything is inflated.
 */
export async function sniffFile(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SniffResult> {
  const handle = await open(file, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (startsWith(sample, ZIP_LOCAL_HEADER) || startsWith(sample, ZIP_EMPTY)) {
    const opened = await openZip(file, limits);
    if (!opened.ok) return { kind: 'refused', reason: `it is a ZIP container, and ${opened.reason}` };
    try {
      return containerKind(opened.zip);
    } finally {
      opened.zip.close();
    }
  }
  for (const { bytes, what } of SIGNATURES) {
    if (startsWith(sample, bytes)) return { kind: 'refused', reason: `it is ${what}.` };
  }
  const text = looksLikeText(sample);
  if (!text.text) return { kind: 'refused', reason: `${text.reason}.` };
  const markup = markupKind(sample);
  if (markup) return { kind: 'refused', reason: `it is ${markup}.` };
  return { kind: 'text' };
}
