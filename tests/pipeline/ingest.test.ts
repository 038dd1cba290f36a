import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { dropSampleFiles, sampleGazetteer, sampleManifest, sampleSetup } from './sample-area.ts';

const HEADER = 'site_code,attendance_id,arrival_datetime,assault_datetime,assault_method,assault_method_other,location_type,location_description,assailant_count,assailant_relationship,reported_to_police,wants_police_informed,age,sex,alcohol_involved';

let context: PipelineContext | null = null;
function open(): PipelineContext {
  context = openPipelineContext(sampleSetup().config, { quiet: true });
  return context;
}
afterEach(() => {
  if (context) closePipelineContext(context);
  context = null;
});
beforeAll(() => {
  sampleGazetteer();
});

function drop(context: PipelineContext, name: string, content: string | Buffer): void {
  writeFileSync(path.join(context.dataDir.inbox, name), content);
}

function storeCounts(context: PipelineContext) {
  return context.store.prepare("SELECT COUNT(*) AS extracts, COALESCE(SUM(rows_read),0) AS read, COALESCE(SUM(rows_accepted),0) AS accepted, (SELECT COUNT(*) FROM records) AS records, (SELECT COUNT(*) FROM row_issues) AS issues FROM extracts").get() as Record<string, number>;
}

const row = (id: string, extra = '') => `RX1AA,${id},22/10/2026 23:40,22/10/2026 23:15,punched,,street,o/s the station${extra},1,stranger,N,N,24,M,Y`;

describe('a crash after the commit, before the report and the move to archive/', () => {
  it('is finished by the next run: the data-quality report is written and the file archived', async () => {
    const context = open();
    drop(context, 'RX1AA_2026-10.csv', `${HEADER}\n${row('C1')}\n${row('C2')}\n`);
    await ingestInbox(context);
    const report = path.join(context.dataDir.reports, 'data-quality', 'RX1AA', '2026-10-v1');
    expect(existsSync(`${report}.html`)).toBe(true);
    const firstReport = JSON.parse(readFileSync(`${report}.json`, 'utf8'));
    // Put the disk back as a crash right after COMMIT would have left it.
    rmSync(`${report}.html`);
    rmSync(`${report}.json`);
    const [day] = readdirSync(context.dataDir.archive);
    renameSync(path.join(context.dataDir.archive, day!, 'RX1AA_2026-10.csv'), path.join(context.dataDir.processing, '000000001-abcdef__RX1AA_2026-10.csv'));

    const rerun = await ingestInbox(context);
    expect(rerun.files[0]).toMatchObject({ outcome: 'ingested', recovered: true });
    expect(existsSync(`${report}.html`)).toBe(true);
    expect(JSON.parse(readFileSync(`${report}.json`, 'utf8'))).toEqual(firstReport);
    expect(readdirSync(context.dataDir.processing)).toEqual([]);
    expect(storeCounts(context)).toMatchObject({ extracts: 1, records: 2 });
  });
});

describe('malformed files: each case is read, or refused with a reason, and nothing else is affected', () => {
  it.each([
    ['a UTF-8 BOM and CRLF', `\ufeff${HEADER}\r\n${row('A1')}\r\n${row('A2')}\r\n`, 2],
    ['a quoted newline in the location', `${HEADER}\n${row('A1').replace('o/s the station', '"o/s the\nstation"')}\n${row('A2')}\n`, 2],
    ['semicolons', `${HEADER.replaceAll(',', ';')}\n${row('A1').replaceAll(',', ';')}\n`, 1],
    ['tabs', `${HEADER.replaceAll(',', '\t')}\n${row('A1').replaceAll(',', '\t')}\n`, 1],
    ['Excel serial dates', `${HEADER}\n${row('A1').replace('22/10/2026 23:40,22/10/2026 23:15', '46317.98611,46317.96875')}\n`, 1],
    ['ISO dates', `${HEADER}\n${row('A1').replace('22/10/2026 23:40,22/10/2026 23:15', '2026-10-22T23:40,2026-10-22T23:15')}\n`, 1],
    ['trailing blank lines', `${HEADER}\n${row('A1')}\n\n\n,,,\n\n`, 1],
    ['blank lines before the header', `\n\n${HEADER}\n${row('A1')}\n`, 1],
  ])('%s', async (_name, content, rows) => {
    const context = open();
    drop(context, 'RX1AA_2026-10.csv', content);
    const summary = await ingestInbox(context);
    expect(summary.files).toHaveLength(1);
    expect(summary.files[0]).toMatchObject({ outcome: 'ingested', rowsRead: rows, rowsAccepted: rows, rowsRejected: 0, siteCode: 'RX1AA', period: '2026-10' });
    const stored = context.store.prepare('SELECT assault_date, assault_hour, location_text FROM records ORDER BY line').all() as Array<{ assault_date: string; assault_hour: number }>;
    expect(stored[0]).toMatchObject({ assault_date: '2026-10-22', assault_hour: 23 });
  });

  it.each([
    ['a header that cannot be understood', `when,what,where\n${row('A1')}\n`, /header/i],
    ['an empty file', '', /empty/i],
    ['a quote that never closes', `${HEADER}\n${row('A1')}\n"${row('A2')}\n${row('A3')}\n`, /Line 3/],
    ['a file of only rejected rows', `${HEADER}\n${row('A1').replace('22/10/2026 23:15', 'yesterday')}\n`, /None of the 1 rows/],
  ])('quarantines %s with a reason file, and ingests the other files', async (_name, content, reason) => {
    const context = open();
    drop(context, 'RX1AA_2026-09.csv', `${HEADER}\n${row('B1')}\n`);
    drop(context, 'RX1AA_2026-10.csv', content);
    const summary = await ingestInbox(context);
    const refused = summary.files.find((f) => f.file === 'RX1AA_2026-10.csv')!;
    expect(refused.outcome).toBe('quarantined');
    expect(refused.reason).toMatch(reason);
    const reasonFile = path.join(context.dataDir.quarantine, 'RX1AA_2026-10.csv.reason.json');
    expect(JSON.parse(readFileSync(reasonFile, 'utf8')).reason).toMatch(reason);
    expect(existsSync(path.join(context.dataDir.quarantine, 'RX1AA_2026-10.csv'))).toBe(true);
    expect(summary.files.find((f) => f.file === 'RX1AA_2026-09.csv')).toMatchObject({ outcome: 'ingested', rowsAccepted: 1 });
    expect(storeCounts(context)).toMatchObject({ extracts: 1, records: 1 });
  });

  describe('a file with a header and no rows', () => {
    it('is a nil return for the month its name gives: an extract of no rows, with its data-quality report', async () => {
      const context = open();
      drop(context, 'RX1AA_2026-10.csv', `${HEADER}\r\n\r\n`);
      const [file] = (await ingestInbox(context)).files;
      expect(file).toMatchObject({ outcome: 'ingested', rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, siteCode: 'RX1AA', period: '2026-10' });
      expect(storeCounts(context)).toMatchObject({ extracts: 1, records: 0 });
      const html = readFileSync(path.join(context.dataDir.reports, 'data-quality', 'RX1AA', '2026-10-v1.html'), 'utf8');
      expect(html).toContain('A nil return');
      expect(html).not.toMatch(/NaN|Infinity/);
    });

    it('is replaced by the extract that follows it', async () => {
      const context = open();
      drop(context, 'RX1AA_2026-10.csv', `${HEADER}\n`);
      await ingestInbox(context);
      drop(context, 'RX1AA_2026-10_v2.csv', `${HEADER}\n${row('A1')}\n`);
      const [file] = (await ingestInbox(context)).files;
      expect(file).toMatchObject({ outcome: 'superseded', rowsAccepted: 1 });
      expect(context.store.prepare("SELECT COUNT(*) AS n FROM current_records WHERE site_code = 'RX1AA'").get()).toEqual({ n: 1 });
    });

    it.each([
      ['without a month in its name', 'RX1AA-october.csv', null, /name gives no month/],
      ['over an extract of the month that has rows', 'RX1AA_2026-10_v2.csv', `${HEADER}\n${row('A1')}\n`, /would replace extract 1 \(1 accepted rows\).*extract 1 stays current/],
    ])('is quarantined %s', async (_name, fileName, earlier, reason) => {
      const context = open();
      if (earlier !== null) {
        drop(context, 'RX1AA_2026-10.csv', earlier);
        await ingestInbox(context);
      }
      drop(context, fileName, `${HEADER}\n`);
      const [file] = (await ingestInbox(context)).files;
      expect(file).toMatchObject({ outcome: 'quarantined' });
      expect(file!.reason).toMatch(reason);
      expect(storeCounts(context).records).toBe(earlier === null ? 0 : 1);
    });
  });

  it('sends the hospital a data-quality report for a file whose every row was rejected, naming each line', async () => {
    const context = open();
    const bad = row('A1').replace('22/10/2026 23:15', 'yesterday');
    drop(context, 'RX1AA_2026-10.csv', `${HEADER}\n${bad}\n${bad.replace('A1', 'A2').replace('punched', '')}\n`);
    const [file] = (await ingestInbox(context)).files;
    expect(file).toMatchObject({ outcome: 'quarantined', rowsRead: 2, rowsAccepted: 0, rowsRejected: 2 });
    const folder = path.join(context.dataDir.reports, 'data-quality', 'RX1AA');
    const reports = readdirSync(folder);
    expect(reports.filter((name) => /^2026-10-refused-\d{14}\.(html|json)$/.test(name))).toHaveLength(2);
    const report = JSON.parse(readFileSync(path.join(folder, reports.find((name) => name.endsWith('.json'))!), 'utf8'));
    expect(report).toMatchObject({ extractId: null, version: null, refusal: 'None of the 2 rows could be accepted.', issueCount: 3 });
    expect(report.quality).toMatchObject({ rowsRead: 2, rowsAccepted: 0, rowsRejected: 2 });
    expect(report.sampleIssues.map((issue: { line: number; field: string }) => [issue.line, issue.field])).toEqual([
      [2, 'assault_datetime'], [3, 'assault_datetime'], [3, 'assault_method'],
    ]);
    const html = readFileSync(path.join(folder, reports.find((name) => name.endsWith('.html'))!), 'utf8');
    expect(html).toContain('This file was refused and nothing of it was stored');
    expect(storeCounts(context)).toMatchObject({ extracts: 0, records: 0, issues: 0 });
  });

  it('rejects a row with more fields than the header (an unquoted delimiter), and keeps the rest', async () => {
    const context = open();
    drop(context, 'RX1AA_2026-10.csv', `${HEADER}\n${row('A1', ', by the bins')}\n${row('A2')}\n`);
    const [file] = (await ingestInbox(context)).files;
    expect(file).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    const issue = context.store.prepare('SELECT line, code FROM row_issues').get();
    expect(issue).toEqual({ line: 2, code: 'wrong_column_count' });
  });

  it('rejects the second row with the same attendance reference', async () => {
    const context = open();
    drop(context, 'RX1AA_2026-10.csv', `${HEADER}\n${row('A1')}\n${row('A1')}\n`);
    const [file] = (await ingestInbox(context)).files;
    expect(file).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
  });
});

describe('the sample extracts', () => {
  it('every file is accounted for, and accepted + rejected = read for each', async () => {
    const context = open();
    const manifest = sampleManifest();
    dropSampleFiles(context.dataDir.inbox);
    const summary = await ingestInbox(context);
    expect(summary.failed).toEqual([]);
    expect(summary.files).toHaveLength(manifest.extracts.length);
    for (const expected of manifest.extracts) {
      const result = summary.files.find((f) => f.file === expected.file)!;
      expect(result, expected.file).toBeDefined();
      if (expected.expectedOutcome === 'quarantine') {
        expect(result.outcome, expected.file).toBe('quarantined');
        continue;
      }
      expect(result.rowsAccepted + result.rowsRejected, expected.file).toBe(result.rowsRead);
      expect(result.rowsRead, expected.file).toBe(expected.rows);
    }
    const totals = storeCounts(context);
    expect(totals.accepted).toBe(summary.files.filter((f) => f.outcome !== 'quarantined').reduce((s, f) => s + f.rowsAccepted, 0));
    // Every accepted row of every ingested file is a stored record.
    expect(totals.records).toBe(totals.accepted);
    // Every file left the inbox and processing/.
    expect(readdirSync(context.dataDir.inbox)).toEqual([]);
    expect(readdirSync(context.dataDir.processing)).toEqual([]);
  });

  it('re-dropping a file changes nothing', async () => {
    const context = open();
    dropSampleFiles(context.dataDir.inbox, ['RX1AA_2026-01.csv']);
    await ingestInbox(context);
    const before = storeCounts(context);
    const reportsBefore = readdirSync(path.join(context.dataDir.reports, 'data-quality', 'RX1AA'));
    dropSampleFiles(context.dataDir.inbox, ['RX1AA_2026-01.csv']);
    const summary = await ingestInbox(context);
    expect(summary.files[0]).toMatchObject({ outcome: 'duplicate' });
    expect(storeCounts(context)).toEqual(before);
    expect(readdirSync(path.join(context.dataDir.reports, 'data-quality', 'RX1AA'))).toEqual(reportsBefore);
  });

  it('a resubmission supersedes the earlier extract of the same site and month, and the history is kept', async () => {
    const context = open();
    const resubmission = sampleManifest().extracts.find((e) => e.supersedes !== null)!;
    dropSampleFiles(context.dataDir.inbox, [resubmission.supersedes!, resubmission.file]);
    const summary = await ingestInbox(context);
    expect(summary.files.map((f) => f.outcome)).toEqual(['ingested', 'superseded']);
    const extracts = context.store.prepare('SELECT id, version, status, superseded_by, rows_accepted FROM extracts ORDER BY id').all() as Array<Record<string, number | string>>;
    expect(extracts).toMatchObject([
      { version: 1, status: 'superseded', superseded_by: extracts[1]!.id },
      { version: 2, status: 'current', superseded_by: null },
    ]);
    const current = context.store.prepare('SELECT COUNT(*) AS n FROM current_records').get() as { n: number };
    expect(current.n).toBe(extracts[1]!.rows_accepted);
  });

  it('writes a data-quality report for each ingested extract, in JSON and HTML', async () => {
    const context = open();
    dropSampleFiles(context.dataDir.inbox, ['RX2BB_2026-01.csv']);
    const [file] = (await ingestInbox(context)).files;
    const base = path.join(context.dataDir.reports, 'data-quality', 'RX2BB', `${file!.period}-v1`);
    const json = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    expect(json.quality.rowsRead).toBe(file!.rowsRead);
    expect(statSync(`${base}.html`).size).toBeGreaterThan(1000);
  });
});
