/**
 * The scheduler's job state and run history (tables job_state and job_runs of
 * migration 002). Every write is one statement or one transaction, so a killed
 * scheduler leaves either the old state or the new.
 */
import { z } from 'zod';
import type { StoreDatabase } from './open.ts';

/** Counts and short labels only: these are logged and stored, so never an identifier or free text. */
export type StepSummary = Record<string, number | string | boolean | null>;

/** A stored summary (a JSON column), checked as it is read back. */
export const stepSummarySchema: z.ZodType<StepSummary> = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));

export type RunStatus = 'succeeded' | 'failed';

export interface JobState {
  job: string;
  firstSeenAt: Date;
  lastSlotAt: Date | null;
  nextDueAt: Date;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastStatus: RunStatus | null;
  lastDurationMs: number | null;
  lastSummary: StepSummary | null;
}

const isoDate = z.string().transform((text) => new Date(text));
const jsonText = <T>(schema: z.ZodType<T>) => z.string().transform((text) => schema.parse(JSON.parse(text)));

const jobStateRow = z
  .object({
    job: z.string(),
    first_seen_at: isoDate,
    last_slot_at: isoDate.nullable(),
    next_due_at: isoDate,
    last_started_at: isoDate.nullable(),
    last_finished_at: isoDate.nullable(),
    last_status: z.enum(['succeeded', 'failed']).nullable(),
    last_duration_ms: z.number().nullable(),
    last_summary_json: jsonText(stepSummarySchema).nullable(),
  })
  .transform(
    (row): JobState => ({
      job: row.job,
      firstSeenAt: row.first_seen_at,
      lastSlotAt: row.last_slot_at,
      nextDueAt: row.next_due_at,
      lastStartedAt: row.last_started_at,
      lastFinishedAt: row.last_finished_at,
      lastStatus: row.last_status,
      lastDurationMs: row.last_duration_ms,
      lastSummary: row.last_summary_json,
    }),
  );

export function readJobState(store: StoreDatabase, job: string): JobState | null {
  const row = store.prepare('SELECT * FROM job_state WHERE job = ?').get(job);
  return row === undefined ? null : jobStateRow.parse(row);
}

/** Creates the job's state the first time a scheduler sees it; an existing state is kept. */
export function ensureJobState(store: StoreDatabase, job: string, firstSeenAt: Date, nextDueAt: Date): JobState {
  store
    .prepare('INSERT OR IGNORE INTO job_state (job, first_seen_at, next_due_at) VALUES (?, ?, ?)')
    .run(job, firstSeenAt.toISOString(), nextDueAt.toISOString());
  return readJobState(store, job)!;
}

export function recordRunStart(store: StoreDatabase, job: string, slotAt: Date | null, startedAt: Date): number {
  const result = store
    .prepare("INSERT INTO job_runs (job, slot_at, started_at, status) VALUES (?, ?, ?, 'running')")
    .run(job, slotAt?.toISOString() ?? null, startedAt.toISOString());
  return Number(result.lastInsertRowid);
}

export interface RunEnd {
  runId: number;
  job: string;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date;
  summary: StepSummary;
  /** The error's message; callers pass messages that carry no identifier (istv's own errors never do). */
  error: string | null;
  /** The slot this run covered, and when the job is next due. */
  slotAt: Date | null;
  nextDueAt: Date;
}

/** Closes the run and moves the job's state on, in one transaction. */
export function recordRunEnd(store: StoreDatabase, end: RunEnd): void {
  const durationMs = end.finishedAt.getTime() - end.startedAt.getTime();
  const summaryJson = JSON.stringify(end.summary);
  store.transaction(() => {
    store
      .prepare('UPDATE job_runs SET finished_at = ?, status = ?, duration_ms = ?, summary_json = ?, error = ? WHERE id = ?')
      .run(end.finishedAt.toISOString(), end.status, durationMs, summaryJson, end.error, end.runId);
    store
      .prepare(
        `UPDATE job_state SET last_slot_at = COALESCE(?, last_slot_at), next_due_at = ?, last_started_at = ?, last_finished_at = ?,
           last_status = ?, last_duration_ms = ?, last_summary_json = ? WHERE job = ?`,
      )
      .run(
        end.slotAt?.toISOString() ?? null,
        end.nextDueAt.toISOString(),
        end.startedAt.toISOString(),
        end.finishedAt.toISOString(),
        end.status,
        durationMs,
        summaryJson,
        end.job,
      );
  })();
}

/** Starts a pipeline run (table runs: one per `istv ingest` or inbox poll); returns its id. */
export function startRun(store: StoreDatabase, kind: string, at: Date): number {
  return Number(store.prepare("INSERT INTO runs (kind, started_at, status) VALUES (?, ?, 'running')").run(kind, at.toISOString()).lastInsertRowid);
}

export function finishRun(store: StoreDatabase, runId: number, status: RunStatus, summary: unknown, at: Date): void {
  store.prepare('UPDATE runs SET finished_at = ?, status = ?, summary_json = ? WHERE id = ?').run(at.toISOString(), status, JSON.stringify(summary), runId);
}

/** Job runs left 'running' by a process that was killed. Only the lock holder calls this. */
export function markInterruptedRuns(store: StoreDatabase, at: Date): number {
  return store.prepare("UPDATE job_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(at.toISOString()).changes;
}
