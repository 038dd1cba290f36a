/**
 * The manifest and the real ingest agree line for line: every row the manifest
 * calls invalid is rejected, nothing else is, every flagged row carries its
 * warning, and the broken-header file is quarantined. Runs the pipeline over
 * all the sample extracts in a fresh data dir.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { dropSampleFiles, sampleSetup } from '../pipeline/sample-area.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../../sample-data/generate.ts';

const sampleData = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'sample-data');
const manifest = JSON.parse(readFileSync(path.join(sampleData, 'manifest.json'), 'utf8')) as Manifest;

let context: PipelineContext;
let summary: Awaited<ReturnType<typeof ingestInbox>>;
const issues = new Map<string, Array<{ line: number; field: string | null; code: string; severity: string }>>();

beforeAll(async () => {
  context = openPipelineContext(sampleSetup().config, { quiet: true });
  dropSampleFiles(context.dataDir.inbox);
  summary = await ingestInbox(context);
  const rows = context.store
    .prepare('SELECT e.file_name AS file, i.line, i.field, i.code, i.severity FROM row_issues i JOIN extracts e ON e.id = i.extract_id')
    .all() as Array<{ file: string; line: number; field: string | null; code: string; severity: string }>;
  for (const row of rows) issues.set(row.file, [...(issues.get(row.file) ?? []), row]);
});
afterAll(() => closePipelineContext(context));

describe('ingesting the sample extracts', () => {
  it.each(manifest.extracts.map((entry) => [entry.file, entry] as const))('%s: outcome and counts as the manifest says', (_, entry) => {
    const result = summary.files.find((file) => file.file === entry.file);
    expect(result).toBeDefined();
    if (entry.expectedOutcome === 'quarantine') {
      expect(result!.outcome).toBe('quarantined');
      return;
    }
    expect(result!.rowsRead).toBe(entry.rows);
    expect(result!.rowsRejected).toBe(entry.invalidRows);
    expect(result!.rowsAccepted).toBe(entry.expectedAccepted);
  });

  it.each(manifest.extracts.filter((entry) => entry.expectedOutcome === 'ingest').map((entry) => [entry.file, entry] as const))(
    '%s: rejected exactly at the invalid lines, with the expected issue; flagged lines warned',
    (_, entry) => {
      const fileIssues = issues.get(entry.file) ?? [];
      const errorLines = [...new Set(fileIssues.filter((issue) => issue.severity === 'error').map((issue) => issue.line))].sort((a, b) => a - b);
      expect(errorLines).toEqual(entry.invalid.map((fault) => fault.line).sort((a, b) => a - b));
      for (const fault of entry.invalid) {
        expect(fileIssues.filter((issue) => issue.line === fault.line && issue.severity === 'error').map((issue) => issue.code), `line ${fault.line} ${fault.kind}`).toContain(fault.expectedIssueCode);
      }
      for (const fault of entry.flagged) {
        expect(fileIssues.filter((issue) => issue.line === fault.line && issue.severity === 'warning').map((issue) => issue.code), `line ${fault.line} ${fault.kind}`).toContain(fault.expectedIssueCode);
      }
    },
  );
});
