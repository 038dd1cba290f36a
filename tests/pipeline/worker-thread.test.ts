import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPseudonymKeyFile } from '../../src/deidentify/pseudonym-key.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { RowPreparationWorker } from '../../src/pipeline/prepare-rows-in-worker.ts';
import { readerRefusal } from '../../src/pipeline/refusal.ts';
import { mapHeader } from '../../src/validate/header.ts';
import { WorkbookError } from '../../src/validate/read-xlsx.ts';
import { sampleData, sampleGazetteer, sampleSetup } from './sample-area.ts';

// Large files are validated and de-identified on a worker thread; small ones on
// the main thread. Whichever runs, the store must hold exactly the same thing.

const contexts: PipelineContext[] = [];
beforeAll(() => {
  sampleGazetteer();
});
afterAll(() => {
  for (const context of contexts) closePipelineContext(context);
});

// With a pseudonym key, as in production: the worker leaves the attendance keys to the main thread.
let pseudonymKeyFile = '';
beforeAll(() => {
  pseudonymKeyFile = path.join(mkdtempSync(path.join(tmpdir(), 'istv-key-')), 'pseudonym.key');
  createPseudonymKeyFile(pseudonymKeyFile);
});

function open(): PipelineContext {
  const context = openPipelineContext(sampleSetup({ deidentify: { pseudonymKeyFile } }).config, { quiet: true });
  contexts.push(context);
  return context;
}

function storedState(context: PipelineContext) {
  const store = context.store;
  return {
    extracts: store.prepare('SELECT site_code, period, file_name, status, rows_read, rows_accepted, rows_rejected, header_json, quality_json FROM extracts ORDER BY file_name').all(),
    records: store.prepare('SELECT e.file_name, r.* FROM records r JOIN extracts e ON e.id = r.extract_id ORDER BY e.file_name, r.line').all().map((row) => ({ ...(row as object), id: undefined, extract_id: undefined })),
    issues: store.prepare('SELECT e.file_name, i.line, i.field, i.code, i.message, i.severity FROM row_issues i JOIN extracts e ON e.id = i.extract_id ORDER BY e.file_name, i.id').all(),
    intake: store.prepare('SELECT file_name, outcome, reason FROM intake_events ORDER BY file_name').all(),
  };
}

const HEADER = 'site_code,attendance_id,arrival_datetime,assault_datetime,assault_method,assault_method_other,location_type,location_description,assailant_count,assailant_relationship,reported_to_police,wants_police_informed,age,sex,alcohol_involved,nhs_number,patient_postcode';
const row = (id: string, location: string) => `RX1AA,${id},22/10/2026 23:40,22/10/2026 23:15,punched,,street,${location},1,stranger,N,N,24,M,Y,,`;

describe('the worker thread gives the same store as the main thread', () => {
  it('for every sample extract: records, issues, data-quality measures and quarantines', async () => {
    const files = readdirSync(path.join(sampleData, 'inbox')).filter((name) => name.endsWith('.csv')).sort().map((name) => path.join(sampleData, 'inbox', name));
    const onMain = open();
    const onWorker = open();
    await ingestInbox(onMain, { files, validateOnWorker: 'never' });
    await ingestInbox(onWorker, { files, validateOnWorker: 'always' });
    const expected = storedState(onMain);
    expect(expected.records.length).toBeGreaterThan(1000);
    // Every record with an attendance reference is keyed, on either thread.
    expect(expected.records.filter((record) => (record as Record<string, unknown>).attendance_key === null)).toEqual([]);
    expect(storedState(onWorker)).toEqual(expected);
  }, 120_000);

  it('for a file spanning many read chunks, with duplicates, identifiers and a quoted newline', async () => {
    const rows = [HEADER];
    for (let index = 0; index < 6000; index += 1) {
      const id = `AT${index % 5000}`; // the last 1,000 repeat earlier references
      const location = index % 7 === 0 ? '"o/s the\nstation"' : index % 11 === 0 ? `pt's home` : `outside number ${index} high road`;
      rows.push(row(id, location).replace(/,,$/, index % 13 === 0 ? ',9434765919,N17 6HE' : ',,'));
    }
    const results = [];
    for (const where of ['never', 'always'] as const) {
      const context = open();
      const file = path.join(context.dataDir.root, '..', `RX1AA_2026-10-${where}.csv`);
      writeFileSync(file, `${rows.join('\r\n')}\r\n`);
      const summary = await ingestInbox(context, { files: [file], validateOnWorker: where });
      expect(summary.files[0]).toMatchObject({ outcome: 'ingested', rowsRead: 6000, rowsAccepted: 5000, rowsRejected: 1000 });
      const state = storedState(context);
      results.push({ records: state.records.map((record) => ({ ...record, file_name: undefined })), issues: state.issues.map((issue) => ({ ...(issue as object), file_name: undefined })) });
    }
    expect(results[1]).toEqual(results[0]);
  }, 60_000);

  it('quarantines a file with broken quoting, naming the line, as the main thread does', async () => {
    const rows = [HEADER];
    for (let index = 0; index < 3000; index += 1) rows.push(row(`Q${index}`, 'o/s the station'));
    rows.splice(2500, 0, `"${row('BROKEN', 'x')}`);
    for (const where of ['never', 'always'] as const) {
      const context = open();
      const file = path.join(context.dataDir.root, '..', `RX1AA_2026-10-${where}.csv`);
      writeFileSync(file, `${rows.join('\n')}\n`);
      const summary = await ingestInbox(context, { files: [file], validateOnWorker: where });
      expect(summary.files[0]).toMatchObject({ outcome: 'quarantined' });
      expect(summary.files[0]!.reason).toMatch(/^Line 2501: /);
      expect(context.store.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 0 });
    }
  }, 60_000);

  it('keeps a workbook error\'s reason when it is raised on the worker thread', async () => {
    const context = open();
    const file = path.join(context.dataDir.root, '..', 'RX1AA_2026-10.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Extract').addRow(HEADER.split(','));
    await workbook.xlsx.writeFile(file);
    const headers = HEADER.split(',');
    const mapped = mapHeader(headers, context.config.sites[0]!);
    if (!mapped.ok) throw new Error(mapped.problem.message);
    const worker = new RowPreparationWorker();
    const preparation = worker.start(
      {
        validation: {
          file, fileName: 'RX1AA_2026-10.xlsx', format: { kind: 'xlsx', sheet: 'Assaults' }, mapping: mapped.mapping, headerWidth: headers.length, siteCode: 'RX1AA',
          schema: { sites: new Map(context.config.sites.map((site) => [site.code, site])), defaultSiteCode: 'RX1AA', today: '2026-11-01' },
        },
        columnsDropped: mapped.mapping.droppedColumns,
        identifierColumnsDropped: mapped.mapping.identifierColumns,
      },
      { sites: [], pseudonymKey: null, residenceLsoaByPostcode: new Map() },
    );
    let failure: unknown = null;
    try {
      for await (const _batch of preparation.batches) { /* read to the error */ }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(WorkbookError);
    expect(readerRefusal(failure, 'xlsx').reason).toBe('The workbook was not read: the workbook has no sheet named "Assaults" (the site\'s configured sheet); its sheets are "Extract".');
  }, 60_000);
});
