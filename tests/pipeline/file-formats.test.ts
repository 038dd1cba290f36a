/**
 * What hospitals actually send, through the real command (bin/istv.js in a
 * child process) on real files: workbooks written by ExcelJS, archives written
 * by yazl, and binaries renamed .csv. Each file ends with its counts or its
 * quarantine reason in `istv ingest --json`.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { repoRoot, sampleData, sampleSetup } from './sample-area.ts';

interface IngestJson {
  files: Array<{ file: string; outcome: string; reason: string | null; siteCode: string | null; period: string | null; rowsRead: number; rowsAccepted: number; rowsRejected: number }>;
  failed: unknown[];
  totals: { files: number; rowsRead: number; rowsAccepted: number; rowsRejected: number; quarantined: number };
}

function istv(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'istv.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ingest(configFile: string, files: string[]): Promise<IngestJson> {
  const { stdout, stderr } = await istv(['ingest', '--config', configFile, '--json', ...files]);
  try {
    return JSON.parse(stdout) as IngestJson;
  } catch {
    throw new Error(`istv ingest printed no JSON.\nstdout: ${stdout}\nstderr: ${stderr}`);
  }
}

/** A sample CSV extract's header and rows, parsed simply (the sample files quote nothing). */
function sampleRows(name: string): string[][] {
  return readFileSync(path.join(sampleData, 'inbox', name), 'utf8').trim().split(/\r?\n/).map((line) => line.split(','));
}

const DATE_COLUMNS = new Set(['arrival_datetime', 'assault_datetime']);

/** Writes the rows as a workbook, dates as real date cells the way Excel stores them. */
async function writeWorkbook(file: string, rows: string[][], options: { sheetName?: string; before?: string[]; serialDates?: boolean } = {}): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const name of options.before ?? []) workbook.addWorksheet(name).addRow(['not the extract']);
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1');
  const header = rows[0]!;
  sheet.addRow(header);
  for (const row of rows.slice(1)) {
    const values = row.map((value, index) => {
      if (!DATE_COLUMNS.has(header[index]!) || value === '') return value;
      const [date, time] = value.split(/[T ]/);
      const [y, m, d] = date!.split('-').map(Number);
      const [hh, mm] = (time ?? '00:00').split(':').map(Number);
      const asDate = new Date(Date.UTC(y!, m! - 1, d!, hh, mm));
      // An Excel serial in a General-format cell, as some exports leave dates.
      return options.serialDates ? asDate.getTime() / 86_400_000 + 25_569 : asDate;
    });
    const added = sheet.addRow(values.map((value, index) => (header[index] === 'age' && value !== '' ? Number(value) : value)));
    header.forEach((name, index) => {
      if (DATE_COLUMNS.has(name) && !options.serialDates) added.getCell(index + 1).numFmt = 'dd/mm/yyyy hh:mm';
    });
  }
  await workbook.xlsx.writeFile(file);
}

function writeZip(file: string, members: Array<{ name: string; data: Buffer; store?: boolean }>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const member of members) zip.addBuffer(member.data, member.name, { mtime: new Date(Date.UTC(2026, 10, 1)), compress: !member.store });
    zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
    zip.end();
  });
}

/** Names the sheet the first site's workbooks are read from. */
function nameSheet(configFile: string, sheet: string): void {
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as { sites: Array<Record<string, unknown>> };
  config.sites[0]!.sheet = sheet;
  writeFileSync(configFile, JSON.stringify(config));
}

/** A PNG: its signature and an IHDR chunk are enough to be a PNG by its bytes. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);

describe('istv ingest --json on the files hospitals send', () => {
  it('reads an .xlsx workbook with date cells: the counts match the same rows as CSV', async () => {
    const setup = sampleSetup();
    const rows = sampleRows('RX1AA_2026-03.csv');
    const file = path.join(setup.folder, 'RX1AA_2026-03.xlsx');
    await writeWorkbook(file, rows);
    const result = await ingest(setup.configFile, [file]);
    expect(result.failed).toEqual([]);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject({ outcome: 'ingested', siteCode: 'RX1AA', period: '2026-03', rowsRead: rows.length - 1 });

    const csvSetup = sampleSetup();
    const csv = await ingest(csvSetup.configFile, [path.join(sampleData, 'inbox', 'RX1AA_2026-03.csv')]);
    expect(result.files[0]!.rowsAccepted).toBe(csv.files[0]!.rowsAccepted);
    expect(result.files[0]!.rowsRejected).toBe(csv.files[0]!.rowsRejected);
  }, 60_000);

  it('reads Excel serials in General cells, and the sheet the site names rather than the first', async () => {
    const setup = sampleSetup();
    nameSheet(setup.configFile, 'ISTV extract');
    const rows = sampleRows('RX1AA_2026-04.csv');
    const file = path.join(setup.folder, 'RX1AA_2026-04.xlsx');
    await writeWorkbook(file, rows, { sheetName: 'ISTV extract', before: ['Notes'], serialDates: true });
    const result = await ingest(setup.configFile, [file]);
    expect(result.files[0]).toMatchObject({ outcome: 'ingested', period: '2026-04', rowsRead: rows.length - 1 });
    expect(result.files[0]!.rowsAccepted).toBeGreaterThan((rows.length - 1) * 0.8);
  }, 60_000);

  it('quarantines a workbook without the configured sheet, naming the sheet', async () => {
    const setup = sampleSetup();
    nameSheet(setup.configFile, 'ISTV extract');
    const file = path.join(setup.folder, 'RX1AA_2026-05.xlsx');
    await writeWorkbook(file, sampleRows('RX1AA_2026-05.csv'), { sheetName: 'Data' });
    const result = await ingest(setup.configFile, [file]);
    expect(result.files[0]!.outcome).toBe('quarantined');
    expect(result.files[0]!.reason).toMatch(/no sheet named "ISTV extract".*"Data"/);
  }, 60_000);

  it('ingests each CSV of a .zip as its own extract, the member named in its provenance', async () => {
    const setup = sampleSetup();
    const names = ['RX1AA_2026-06.csv', 'RX2BB_2026-06.csv'];
    const file = path.join(setup.folder, 'june.zip');
    await writeZip(file, [
      ...names.map((name) => ({ name: `June/${name}`, data: readFileSync(path.join(sampleData, 'inbox', name)) })),
      { name: '__MACOSX/June/._RX1AA_2026-06.csv', data: Buffer.from('mac metadata') },
    ]);
    const result = await ingest(setup.configFile, [file]);
    expect(result.failed).toEqual([]);
    expect(result.files.map((f) => [f.file, f.outcome, f.siteCode, f.period])).toEqual([
      ['june.zip!June!RX1AA_2026-06.csv', 'ingested', 'RX1AA', '2026-06'],
      ['june.zip!June!RX2BB_2026-06.csv', 'ingested', 'RX2BB', '2026-06'],
    ]);
    // The same counts as the two CSV files sent on their own.
    const csv = await ingest(sampleSetup().configFile, names.map((name) => path.join(sampleData, 'inbox', name)));
    expect(result.totals).toMatchObject({ rowsRead: csv.totals.rowsRead, rowsAccepted: csv.totals.rowsAccepted, rowsRejected: csv.totals.rowsRejected });
    const processing = path.join(setup.config.dataDir, 'processing');
    expect(readdirSync(processing)).toEqual([]);

    // The same archive again changes nothing: each member is a duplicate of its extract.
    const again = await ingest(setup.configFile, [file]);
    expect(again.files.map((f) => f.outcome)).toEqual(['duplicate', 'duplicate']);
  }, 60_000);

  it('reads a workbook inside an archive, and quarantines a member that is not an extract', async () => {
    const setup = sampleSetup();
    const workbook = path.join(setup.folder, 'book.xlsx');
    await writeWorkbook(workbook, sampleRows('RX1AA_2026-07.csv'));
    const file = path.join(setup.folder, 'RX1AA_2026-07.zip');
    await writeZip(file, [
      { name: 'RX1AA_2026-07.xlsx', data: readFileSync(workbook) },
      { name: 'screenshot.csv', data: PNG },
    ]);
    const result = await ingest(setup.configFile, [file]);
    expect(result.files[0]).toMatchObject({ file: 'RX1AA_2026-07.zip!RX1AA_2026-07.xlsx', outcome: 'ingested', period: '2026-07' });
    expect(result.files[1]).toMatchObject({ file: 'RX1AA_2026-07.zip!screenshot.csv', outcome: 'quarantined' });
    expect(result.files[1]!.reason).toMatch(/PNG image/);
  }, 60_000);

  const binaries: Array<[string, Buffer, RegExp]> = [
    ['a PNG', PNG, /PNG image/],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), /PDF document/],
    ['an old .xls or encrypted Office file', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), /\.xls workbook or a password-protected/],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]), /gzip/],
    ['random bytes', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256)), /binary data of a type istv does not read/],
    ['an HTML report saved as .xls', Buffer.from('<html><body><table><tr><td>site</td></tr></table></body></html>'), /HTML page/],
  ];
  it(`quarantines ${binaries.map(([what]) => what).join(', ')} renamed .csv, saying what each is`, async () => {
    const setup = sampleSetup();
    const files = binaries.map(([, bytes], index) => {
      const file = path.join(setup.folder, `RX1AA_2026-0${index + 1}.csv`);
      writeFileSync(file, bytes);
      return file;
    });
    const result = await ingest(setup.configFile, files);
    expect(result.files).toHaveLength(binaries.length);
    binaries.forEach(([, , reason], index) => {
      expect(result.files[index]!.outcome).toBe('quarantined');
      expect(result.files[index]!.reason).toMatch(reason);
    });
    expect(readdirSync(path.join(setup.config.dataDir, 'quarantine'))).toContain('RX1AA_2026-01.csv.reason.json');
  }, 60_000);

  it('reads a real workbook or archive renamed .csv by its bytes', async () => {
    const setup = sampleSetup();
    const workbook = path.join(setup.folder, 'RX1AA_2026-09.csv');
    await writeWorkbook(workbook, sampleRows('RX1AA_2026-09.csv'));
    const archive = path.join(setup.folder, 'RX1AA_2026-10.csv');
    await writeZip(archive, [{ name: 'RX1AA_2026-10.csv', data: readFileSync(path.join(sampleData, 'inbox', 'RX1AA_2026-10.csv')) }]);
    const result = await ingest(setup.configFile, [workbook, archive]);
    expect(result.files.map((f) => [f.file, f.outcome, f.period])).toEqual([
      ['RX1AA_2026-09.csv', 'ingested', '2026-09'],
      ['RX1AA_2026-10.csv!RX1AA_2026-10.csv', 'ingested', '2026-10'],
    ]);
  }, 60_000);

  it('refuses an encrypted archive, and a zip bomb before inflating it', async () => {
    const setup = sampleSetup();
    const encrypted = path.join(setup.folder, 'RX1AA_2026-11.zip');
    await writeZip(encrypted, [{ name: 'RX1AA_2026-11.csv', data: Buffer.from('site_code\nRX1AA\n') }]);
    // Set the "encrypted" flag (bit 0) in the local and central headers, as a password-protected archive has.
    const bytes = readFileSync(encrypted);
    for (let at = 0; at < bytes.length - 4; at += 1) {
      if (bytes.readUInt32LE(at) === 0x04034b50) bytes.writeUInt16LE(bytes.readUInt16LE(at + 6) | 1, at + 6);
      if (bytes.readUInt32LE(at) === 0x02014b50) bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) | 1, at + 8);
    }
    writeFileSync(encrypted, bytes);

    const bomb = path.join(setup.folder, 'RX1AA_2026-12.zip');
    // 200 MB of one repeated row deflates a thousandfold.
    const row = Buffer.from('RX1AA,AE1,2026-12-01T01:00,2026-12-01T00:30,punch,,street,high st,,,,,30,M,N\n');
    const big = Buffer.alloc(200 * 1024 * 1024);
    for (let at = 0; at < big.length; at += row.length) row.copy(big, at);
    expect(deflateRawSync(big).length * 100).toBeLessThan(big.length);
    await writeZip(bomb, [{ name: 'RX1AA_2026-12.csv', data: big }]);

    const result = await ingest(setup.configFile, [encrypted, bomb]);
    expect(result.files.map((f) => f.outcome)).toEqual(['quarantined', 'quarantined']);
    expect(result.files[0]!.reason).toMatch(/encrypted/);
    expect(result.files[1]!.reason).toMatch(/zip bomb/);
    expect(existsSync(path.join(setup.config.dataDir, 'quarantine', 'RX1AA_2026-12.zip.reason.json'))).toBe(true);
  }, 120_000);
});
