/**
 * Read-only queries behind `istv status`: what the store holds, site by site
 * and month by month, and what intake refused.
 */
import { z } from 'zod';
import { PLACED_OUTCOME_LIST } from '../geocode/types.ts';
import { sqlTextList } from './sql.ts';
import type { StoreDatabase } from './open.ts';

export interface SiteMonthStatus {
  siteCode: string;
  period: string;
  extractId: number;
  version: number;
  file: string;
  ingestedAt: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Share of accepted rows placed on the map (0..1). */
  geocodedShare: number | null;
  /** Earlier versions of this site-month, oldest first. */
  supersededVersions: Array<{ extractId: number; version: number; file: string; ingestedAt: string }>;
}

export interface IntakeEventStatus {
  file: string;
  outcome: string;
  reason: string | null;
  at: string;
}

const PLACED = sqlTextList(PLACED_OUTCOME_LIST);

const siteMonthRows = z.array(
  z.object({
    extractId: z.number().int(), siteCode: z.string(), period: z.string(), version: z.number().int(), file: z.string(), ingestedAt: z.string(),
    rowsRead: z.number().int(), rowsAccepted: z.number().int(), rowsRejected: z.number().int(), geocodedShare: z.number().nullable(),
  }),
);
const supersededRows = z.array(z.object({ extractId: z.number().int(), version: z.number().int(), file: z.string(), ingestedAt: z.string() }));
const intakeEventRows = z.array(z.object({ file: z.string(), outcome: z.string(), reason: z.string().nullable(), at: z.string() }));
const lastRunRows = z.array(z.object({ kind: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), status: z.string() }));

export function siteMonthStatus(database: StoreDatabase): SiteMonthStatus[] {
  const current = siteMonthRows.parse(
    database.prepare(
      `SELECT e.id AS extractId, e.site_code AS siteCode, e.period, e.version, e.file_name AS file, e.ingested_at AS ingestedAt,
              e.rows_read AS rowsRead, e.rows_accepted AS rowsAccepted, e.rows_rejected AS rowsRejected,
              (SELECT CAST(SUM(r.geocode_outcome IN ${PLACED}) AS REAL) / NULLIF(COUNT(*), 0) FROM records r WHERE r.extract_id = e.id) AS geocodedShare
         FROM extracts e WHERE e.status = 'current' ORDER BY e.site_code, e.period`,
    ).all(),
  );
  const earlier = database.prepare(
    "SELECT id AS extractId, version, file_name AS file, ingested_at AS ingestedAt FROM extracts WHERE site_code = ? AND period = ? AND status = 'superseded' ORDER BY version",
  );
  return current.map((row) => ({ ...row, supersededVersions: supersededRows.parse(earlier.all(row.siteCode, row.period)) }));
}

export function recentIntakeEvents(database: StoreDatabase, limit = 50): IntakeEventStatus[] {
  return intakeEventRows.parse(database.prepare('SELECT file_name AS file, outcome, reason, at FROM intake_events ORDER BY id DESC LIMIT ?').all(limit));
}

export function lastRuns(database: StoreDatabase): z.infer<typeof lastRunRows> {
  return lastRunRows.parse(
    database
      .prepare(
        `SELECT kind, started_at AS startedAt, finished_at AS finishedAt, status FROM runs r
          WHERE id = (SELECT MAX(id) FROM runs WHERE kind = r.kind) ORDER BY kind`,
      )
      .all(),
  );
}
