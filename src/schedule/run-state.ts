/**
 * The scheduler's memory, in the store (tables of migration 002): the state and
 * run history of each job, the months owed a publication, and late extracts.
 * Every write is one statement or one transaction, so a killed scheduler leaves
 * either the old state or the new.
 */
import type { StoreDatabase } from '../store/open.ts';

/** Counts and short labels only: these are logged and stored, so never an identifier or free text. */
export type StepSummary = Record<string, number | string | boolean | null>;

export interface JobState {
  job: string;
  firstSeenAt: Date;
  lastSlotAt: Date | null;
  nextDueAt: Date;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastStatus: 'succeeded' | 'failed' | null;
  lastDurationMs: number | null;
  lastSummary: StepSummary | null;
}

interface JobStateRow {
  job: string;
  first_seen_at: string;
  last_slot_at: string | null;
  next_due_at: string;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_status: 'succeeded' | 'failed' | null;
  last_duration_ms: number | null;
  last_summary_json: string | null;
}

const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

export function readJobState(store: StoreDatabase, job: string): JobState | null {
  const row = store.prepare('SELECT * FROM job_state WHERE job = ?').get(job) as JobStateRow | undefined;
  if (!row) return null;
  return {
    job: row.job,
    firstSeenAt: new Date(row.first_seen_at),
    lastSlotAt: dateOrNull(row.last_slot_at),
    nextDueAt: new Date(row.next_due_at),
    lastStartedAt: dateOrNull(row.last_started_at),
    lastFinishedAt: dateOrNull(row.last_finished_at),
    lastStatus: row.last_status,
    lastDurationMs: row.last_duration_ms,
    lastSummary: row.last_summary_json === null ? null : (JSON.parse(row.last_summary_json) as StepSummary),
  };
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
  status: 'succeeded' | 'failed';
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

/** Runs left 'running' by a process that was killed. Only the lock holder calls this. */
export function markInterruptedRuns(store: StoreDatabase, at: Date): number {
  return store.prepare("UPDATE job_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(at.toISOString()).changes;
}

// ---------------------------------------------------------------------------
// Publications

export type PublicationReason = 'scheduled' | 'late-extract' | 'resubmission' | 'manual';

export interface MonthPublication {
  month: string;
  state: 'pending' | 'published' | 'failed';
  dueAt: Date;
  revision: number;
  attempts: number;
  lastError: string | null;
  publishedAt: Date | null;
  /** Sorted ids of the current extracts of the month when last published. */
  extractIds: number[] | null;
}

interface MonthPublicationRow {
  month: string;
  state: MonthPublication['state'];
  due_at: string;
  revision: number;
  attempts: number;
  last_error: string | null;
  published_at: string | null;
  extract_ids: string | null;
}

const parseIds = (text: string | null) => (text === null ? null : text === '' ? [] : text.split(',').map(Number));

function toMonthPublication(row: MonthPublicationRow): MonthPublication {
  return {
    month: row.month,
    state: row.state,
    dueAt: new Date(row.due_at),
    revision: row.revision,
    attempts: row.attempts,
    lastError: row.last_error,
    publishedAt: dateOrNull(row.published_at),
    extractIds: parseIds(row.extract_ids),
  };
}

/** Records that `month` is owed a publication (no-op if it already is, or was published). */
export function owePublication(store: StoreDatabase, month: string, dueAt: Date): boolean {
  const result = store
    .prepare("INSERT OR IGNORE INTO month_publications (month, state, due_at) VALUES (?, 'pending', ?)")
    .run(month, dueAt.toISOString());
  return result.changes > 0;
}

export function listMonthPublications(store: StoreDatabase): MonthPublication[] {
  const rows = store.prepare('SELECT * FROM month_publications ORDER BY month').all() as MonthPublicationRow[];
  return rows.map(toMonthPublication);
}

/** The ids of the current extracts whose reporting period is `month`, ascending. */
export function currentExtractIds(store: StoreDatabase, month: string): number[] {
  const rows = store.prepare("SELECT id FROM extracts WHERE period = ? AND status = 'current' ORDER BY id").all(month) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

/** The site codes of the given extracts. */
export function sitesOfExtracts(store: StoreDatabase, ids: number[]): Set<string> {
  const sites = new Set<string>();
  const query = store.prepare('SELECT site_code FROM extracts WHERE id = ?');
  for (const id of ids) {
    const row = query.get(id) as { site_code: string } | undefined;
    if (row) sites.add(row.site_code);
  }
  return sites;
}

export interface PublicationRecord {
  month: string;
  revision: number;
  reason: PublicationReason;
  publishedAt: Date;
  extractIds: number[];
  summary: StepSummary;
  /** Whether the packs say "Revised"; by default, every revision after the first. */
  revised?: boolean;
}

export function recordPublication(store: StoreDatabase, record: PublicationRecord): void {
  const ids = record.extractIds.join(',');
  store.transaction(() => {
    store
      .prepare(
        "UPDATE month_publications SET state = 'published', revision = ?, attempts = 0, last_error = NULL, published_at = ?, extract_ids = ? WHERE month = ?",
      )
      .run(record.revision, record.publishedAt.toISOString(), ids, record.month);
    store
      .prepare('INSERT INTO publication_history (month, revision, revised, reason, published_at, extract_ids, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(record.month, record.revision, (record.revised ?? record.revision > 1) ? 1 : 0, record.reason, record.publishedAt.toISOString(), ids, JSON.stringify(record.summary));
  })();
}

/**
 * A month published by hand (`istv report`), recorded as the scheduler records its
 * own: the next revision of the month, with the current extracts it was made from.
 * The history of what was issued is then whole, and the scheduler does not publish
 * the month again until its extracts change.
 */
export function recordManualPublication(
  store: StoreDatabase,
  record: { month: string; revised: boolean; publishedAt: Date; summary: StepSummary },
): number {
  return store.transaction(() => {
    owePublication(store, record.month, record.publishedAt);
    const { revision } = store.prepare('SELECT revision FROM month_publications WHERE month = ?').get(record.month) as { revision: number };
    recordPublication(store, {
      month: record.month,
      revision: revision + 1,
      reason: 'manual',
      publishedAt: record.publishedAt,
      extractIds: currentExtractIds(store, record.month),
      summary: record.summary,
      revised: record.revised,
    });
    return revision + 1;
  })();
}

/** A failed attempt: a never-published month becomes 'failed'; a published one keeps its last good revision. */
export function recordPublicationFailure(store: StoreDatabase, month: string, error: string): void {
  store
    .prepare(
      "UPDATE month_publications SET attempts = attempts + 1, last_error = ?, state = CASE WHEN state = 'published' THEN 'published' ELSE 'failed' END WHERE month = ?",
    )
    .run(error, month);
}

export interface PublicationHistoryEntry {
  month: string;
  revision: number;
  revised: boolean;
  reason: PublicationReason;
  publishedAt: Date;
}

export function listPublicationHistory(store: StoreDatabase, month?: string): PublicationHistoryEntry[] {
  const rows = (
    month === undefined
      ? store.prepare('SELECT month, revision, revised, reason, published_at FROM publication_history ORDER BY month, revision').all()
      : store.prepare('SELECT month, revision, revised, reason, published_at FROM publication_history WHERE month = ? ORDER BY revision').all(month)
  ) as Array<{ month: string; revision: number; revised: number; reason: PublicationReason; published_at: string }>;
  return rows.map((row) => ({
    month: row.month,
    revision: row.revision,
    revised: row.revised === 1,
    reason: row.reason,
    publishedAt: new Date(row.published_at),
  }));
}
