/**
 * One ingest run: take the data dir's lock (waiting while another run holds
 * it), finish what a dead run left in processing/, then claim and ingest every
 * complete file in the inbox (or the files named), one extract per
 * transaction. Whatever a file holds, it ends ingested, duplicate, superseded
 * or quarantined within the per-file time limit; an error in one file, or in
 * claiming it, never stops the others; a file two runs have failed on is moved
 * aside with the reason instead of blocking the queue.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MAX_FILE_ATTEMPTS } from '../config/intake.ts';
import { beginAttempt, recordFailure, claimExternalFile, claimInboxFile, listAbandonedClaims, scanInbox, type ClaimedFile, type ClaimResult } from '../intake/claim.ts';
import { liveOwnerTokens, newOwner } from '../lib/process-identity.ts';
import { acquireLock, describeOwner } from '../store/locks.ts';
import { finishRun, startRun } from '../store/runs.ts';
import type { PipelineContext } from './context.ts';
import { ingestClaimed } from './ingest-archive.ts';
import { quarantine, type ChangedFile, type FileResult, type IngestFileOptions, type IngestStages } from './ingest-file.ts';
import { refusal } from './refusal.ts';
import { buildIngestStages } from './stages.ts';

export interface IngestSummary {
  runId: number;
  files: FileResult[];
  /** Files that failed for an unexpected reason; they stay in processing/ and are retried once by the next run. */
  failed: Array<{ file: string; error: string }>;
  /** Inbox files not claimed yet because they are still being written (see intake.settleSeconds). */
  waiting: string[];
  /** Files that changed while they were read; put back to be claimed again once complete. */
  changed: string[];
  /** Inbox entries that are not regular files (folders, links, pipes): never read. */
  notRegular: string[];
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

class OutOfTime extends Error {}

/**
 * Runs `work` with an abort signal, giving up after `limitMs`: a reader that
 * never settles (a parser waiting for an event that will not come) cannot hold
 * the queue. The abandoned work is told through the signal, rolls its
 * transaction back and stops at its next step.
 */
async function withTimeLimit<T>(limitMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const running = work(controller.signal);
  // If the limit wins, the work may still reject later: that must not crash the process.
  running.catch(() => undefined);
  try {
    return await Promise.race([
      running,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new OutOfTime());
        }, limitMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function ingestInbox(context: PipelineContext, options: IngestOptions = {}): Promise<IngestSummary> {
  for (const file of options.files ?? []) {
    if (!existsSync(file)) throw new Error(`No such file: ${file}`);
  }
  const intake = context.config.intake;
  const lock = await acquireLock(context.store, 'data-dir', {
    command: options.files ? 'istv ingest FILE' : 'istv ingest',
    waitSeconds: intake.lockWaitSeconds,
    now: context.now,
    onWait: (holder) => context.logger.info({ holder: describeOwner(holder) }, 'waiting for another run to release the data dir'),
  });
  if (lock.tookOver) context.logger.warn({ staleHolder: describeOwner(lock.tookOver.from), reason: lock.tookOver.because }, 'took over the data dir lock from a run that is gone');
  // Claims record who made them: this run, while it lasts.
  const owner = newOwner(options.files ? 'istv ingest FILE' : 'istv ingest', context.now());
  liveOwnerTokens.add(owner.token);
  try {
    return await ingestHoldingLock(context, options, owner);
  } finally {
    liveOwnerTokens.delete(owner.token);
    lock.release();
  }
}

async function ingestHoldingLock(context: PipelineContext, options: IngestOptions, owner: ReturnType<typeof newOwner>): Promise<IngestSummary> {
  const intake = context.config.intake;
  const stages = options.stages ?? buildIngestStages(context);
  const runId = startRun(context.store, 'ingest', context.now());
  const started = Date.now();
  const queue: Array<{ claimed: ClaimedFile; recovered: boolean }> = listAbandonedClaims(context.dataDir).map((claimed) => ({ claimed, recovered: true }));
  const listing = options.files
    ? { ready: options.files.map((file) => path.resolve(file)), settling: [], notRegular: [] }
    : scanInbox(context.dataDir, { settleMs: intake.settleSeconds * 1000, now: new Date() }); // mtimes are wall-clock, whatever the context's clock
  const total = queue.length + listing.ready.length;

  const summary: IngestSummary = {
    runId,
    files: [],
    failed: [],
    waiting: listing.settling,
    changed: [],
    notRegular: listing.notRegular,
    totals: { files: 0, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, quarantined: 0, duplicates: 0 },
  };
  const record = (result: FileResult) => {
    summary.files.push(result);
    summary.totals.files += 1;
    summary.totals.rowsRead += result.rowsRead;
    summary.totals.rowsAccepted += result.rowsAccepted;
    summary.totals.rowsRejected += result.rowsRejected;
    if (result.outcome === 'quarantined') summary.totals.quarantined += 1;
    if (result.outcome === 'duplicate') summary.totals.duplicates += 1;
    options.onFile?.(result, summary.files.length + summary.failed.length, total);
  };
  const fail = (file: string, error: string) => {
    summary.failed.push({ file, error });
    context.logger.error({ file, error }, 'file failed');
  };

  const setAside = (claimed: ClaimedFile, why: string) =>
    record(quarantine(context, claimed, null, refusal(`${why}; it is set aside so that the files after it are ingested. Check the log, then drop it in the inbox again.`)));

  const ingestOne = async (claimedBefore: ClaimedFile, recovered: boolean) => {
    if (claimedBefore.failures >= MAX_FILE_ATTEMPTS) {
      setAside(claimedBefore, `Ingest failed on this file ${claimedBefore.failures} times (an error, or the process exiting while reading it)`);
      return;
    }
    const claimed = beginAttempt(claimedBefore, owner);
    // A process that exits with the file in hand (an uncaught error, exit 13) counts it as failed; a kill from outside cannot, and does not.
    const onExit = () => recordFailure(claimed);
    process.once('exit', onExit);
    // An archive gives one result per member, each its own extract, recorded as it ends: those ended before a time limit stay in the summary.
    let ended = 0;
    const onResult = (result: FileResult | ChangedFile) => {
      ended += 1;
      if (result.outcome === 'changed') summary.changed.push(result.file);
      else record(result);
    };
    try {
      await withTimeLimit(intake.fileTimeLimitSeconds * 1000, (signal) =>
        ingestClaimed(context, claimed, stages, { recovered, validateOnWorker: options.validateOnWorker, signal }, onResult),
      );
    } catch (error) {
      if (error instanceof OutOfTime) {
        const stored = ended === 0 ? 'nothing of it was stored' : `the ${ended} archive member(s) listed before it ended on their own; nothing else of it was stored`;
        record(quarantine(context, claimed, null, refusal(`The file was not read to the end within ${intake.fileTimeLimitSeconds} s (intake.fileTimeLimitSeconds); ${stored}.`)));
        return;
      }
      const failed = recordFailure(claimed);
      if (failed.failures >= MAX_FILE_ATTEMPTS) {
        context.logger.error({ file: claimed.originalName, error: describeError(error) }, 'file failed again: moved aside');
        setAside(failed, `Ingest failed on this file ${failed.failures} times (${error instanceof Error ? error.name : 'Error'})`);
        return;
      }
      fail(claimed.originalName, `${describeError(error)} (it stays in processing/ and is tried once more by the next run)`);
    } finally {
      process.off('exit', onExit);
    }
  };

  for (const { claimed, recovered } of queue) await ingestOne(claimed, recovered);
  for (const source of listing.ready) {
    let claim: ClaimResult;
    try {
      claim = options.files ? claimExternalFile(context.dataDir, source, owner) : claimInboxFile(context.dataDir, source, owner);
    } catch (error) {
      claim = { status: 'failed', reason: describeError(error) };
    }
    if (claim.status === 'gone') continue; // another run took it
    if (claim.status === 'failed') {
      fail(path.basename(source), claim.reason);
      continue;
    }
    await ingestOne(claim.claimed, false);
  }
  finishRun(context.store, runId, summary.failed.length === 0 ? 'succeeded' : 'failed', { totals: summary.totals, failed: summary.failed.length }, context.now());
  context.logger.info(
    { runId, ...summary.totals, failed: summary.failed.length, waiting: summary.waiting.length, changed: summary.changed.length, durationMs: Date.now() - started },
    'ingest run finished',
  );
  return summary;
}
