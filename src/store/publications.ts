/**
 * Publications of the monthly packs (tables month_publications and
 * publication_history): the months owed a publication, what was last published
 * from which extracts, and every edition issued. Every write is one statement or
 * one transaction.
 */
import { z } from 'zod';
import { currentExtractIds } from './extracts.ts';
import type { StoreDatabase } from './open.ts';
import { type StepSummary } from './runs.ts';

export const PUBLICATION_REASONS = ['scheduled', 'late-extract', 'resubmission', 'manual'] as const;
export type PublicationReason = (typeof PUBLICATION_REASONS)[number];

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

const isoDate = z.string().transform((text) => new Date(text));
/** Extract ids are stored as "3,7,12" ('' for none). */
const idList = z.string().transform((text) => (text === '' ? [] : text.split(',').map(Number)));

const monthPublicationRow = z
  .object({
    month: z.string(),
    state: z.enum(['pending', 'published', 'failed']),
    due_at: isoDate,
    revision: z.number(),
    attempts: z.number(),
    last_error: z.string().nullable(),
    published_at: isoDate.nullable(),
    extract_ids: idList.nullable(),
  })
  .transform(
    (row): MonthPublication => ({
      month: row.month,
      state: row.state,
      dueAt: row.due_at,
      revision: row.revision,
      attempts: row.attempts,
      lastError: row.last_error,
      publishedAt: row.published_at,
      extractIds: row.extract_ids,
    }),
  );

/** Records that `month` is owed a publication (no-op if it already is, or was published). */
export function owePublication(store: StoreDatabase, month: string, dueAt: Date): boolean {
  const result = store
    .prepare("INSERT OR IGNORE INTO month_publications (month, state, due_at) VALUES (?, 'pending', ?)")
    .run(month, dueAt.toISOString());
  return result.changes > 0;
}

export function listMonthPublications(store: StoreDatabase): MonthPublication[] {
  return store.prepare('SELECT * FROM month_publications ORDER BY month').all().map((row) => monthPublicationRow.parse(row));
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
    const { revision } = z.object({ revision: z.number() }).parse(store.prepare('SELECT revision FROM month_publications WHERE month = ?').get(record.month));
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

const historyRow = z
  .object({ month: z.string(), revision: z.number(), revised: z.number(), reason: z.enum(PUBLICATION_REASONS), published_at: isoDate })
  .transform((row): PublicationHistoryEntry => ({ month: row.month, revision: row.revision, revised: row.revised === 1, reason: row.reason, publishedAt: row.published_at }));

export function listPublicationHistory(store: StoreDatabase, month?: string): PublicationHistoryEntry[] {
  const rows =
    month === undefined
      ? store.prepare('SELECT month, revision, revised, reason, published_at FROM publication_history ORDER BY month, revision').all()
      : store.prepare('SELECT month, revision, revised, reason, published_at FROM publication_history WHERE month = ? ORDER BY revision').all(month);
  return rows.map((row) => historyRow.parse(row));
}
