/**
 * One ingest run: finish what a crashed run left in processing/, then claim and
 * ingest every file in the inbox (or the files named), one extract per
 * transaction. An error in one file never stops the others.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { claimExternalFile, claimInboxFile, listAbandonedClaims, listInbox, type ClaimedFile } from '../intake/claim.ts';
import type { PipelineContext } from './context.ts';
import { ingestClaimed } from './ingest-archive.ts';
import type { FileResult, IngestFileOptions, IngestStages } from './ingest-file.ts';
import { buildIngestStages } from './stages.ts';
import { finishRun, startRun } from '../store/runs.ts';

export interface IngestSummary {
  runId: number;
  files: FileResult[];
  /** Files that failed for an unexpected reason; they stay in processing/ and are retried by the next run. */
  failed: Array<{ file: string; error: string }>;
  totals: { files: number; rowsRead: number; rowsAccepted: number; rowsRejected: number; quarantined: number; duplicates: number };
}

export interface IngestOptions {
  /** Files to ingest now instead of the inbox (they are copied; the originals stay). */
  files?: string[];
  /** Called after each file, for progress display. */
  onFile?: (result: FileResult, done: number, total: number) => void;
  /** Stages built by the caller (the scheduler keeps them between runs). */
  stages?: IngestStages;
  /** Where the validate stage runs (see IngestFileOptions); 'auto' unless a test needs one or the other. */
  validateOnWorker?: IngestFileOptions['validateOnWorker'];
}

export async function ingestInbox(context: PipelineContext, options: IngestOptions = {}): Promise<IngestSummary> {
  for (const file of options.files ?? []) {
    if (!existsSync(file)) throw new Error(`No such file: ${file}`);
  }
  const stages = options.stages ?? buildIngestStages(context);
  const runId = startRun(context.store, 'ingest', context.now());
  const started = Date.now();
  const queue: Array<{ claimed: ClaimedFile; recovered: boolean }> = listAbandonedClaims(context.dataDir).map((claimed) => ({ claimed, recovered: true }));
  const sources = options.files ? options.files.map((file) => path.resolve(file)) : listInbox(context.dataDir);
  const total = queue.length + sources.length;

  const summary: IngestSummary = {
    runId,
    files: [],
    failed: [],
    totals: { files: 0, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, quarantined: 0, duplicates: 0 },
  };
  const process = async (claimed: ClaimedFile, recovered: boolean) => {
    try {
      // An archive gives one result per member, each its own extract.
      for (const result of await ingestClaimed(context, claimed, stages, { recovered, validateOnWorker: options.validateOnWorker })) {
        summary.files.push(result);
        summary.totals.files += 1;
        summary.totals.rowsRead += result.rowsRead;
        summary.totals.rowsAccepted += result.rowsAccepted;
        summary.totals.rowsRejected += result.rowsRejected;
        if (result.outcome === 'quarantined') summary.totals.quarantined += 1;
        if (result.outcome === 'duplicate') summary.totals.duplicates += 1;
        options.onFile?.(result, summary.files.length + summary.failed.length, total);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      summary.failed.push({ file: claimed.originalName, error: message });
      context.logger.error({ file: claimed.originalName, error: message }, 'file failed; it stays in processing/ and will be retried');
    }
  };

  for (const { claimed, recovered } of queue) await process(claimed, recovered);
  for (const source of sources) {
    const claimed = options.files ? claimExternalFile(context.dataDir, source) : claimInboxFile(context.dataDir, source);
    if (claimed === null) continue; // another run took it
    await process(claimed, false);
  }
  finishRun(context.store, runId, summary.failed.length === 0 ? 'succeeded' : 'failed', { totals: summary.totals, failed: summary.failed.length }, context.now());
  context.logger.info({ runId, ...summary.totals, failed: summary.failed.length, durationMs: Date.now() - started }, 'ingest run finished');
  return summary;
}
