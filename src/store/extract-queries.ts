/**
 * Read queries over extracts that ingest needs: what a data-quality report is
 * written from, and whether an attendance is already in another current extract.
 */
import { z } from 'zod';
import type { StoreDatabase } from './open.ts';

const extractRow = z.object({ siteCode: z.string(), period: z.string(), fileName: z.string(), version: z.number(), ingestedAt: z.string(), qualityJson: z.string() });
const issueRow = z.object({ line: z.number(), field: z.string().nullable(), code: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) });

export interface ExtractReportInputs {
  siteCode: string;
  period: string;
  fileName: string;
  version: number;
  ingestedAt: string;
  quality: unknown;
  supersedes: number | null;
  sampleIssues: Array<z.infer<typeof issueRow>>;
  issueCount: number;
}

/** An extract as its data-quality report shows it, with its first `sampleSize` issues (errors first). */
export function extractReportInputs(store: StoreDatabase, extractId: number, sampleSize: number): ExtractReportInputs {
  const extract = extractRow.parse(
    store.prepare('SELECT site_code AS siteCode, period, file_name AS fileName, version, ingested_at AS ingestedAt, quality_json AS qualityJson FROM extracts WHERE id = ?').get(extractId),
  );
  const superseded = z.object({ id: z.number() }).optional().parse(store.prepare('SELECT id FROM extracts WHERE superseded_by = ?').get(extractId));
  const sampleIssues = z
    .array(issueRow)
    .parse(store.prepare("SELECT line, field, code, message, severity FROM row_issues WHERE extract_id = ? ORDER BY severity = 'warning', line LIMIT ?").all(extractId, sampleSize));
  const { issueCount } = z.object({ issueCount: z.number() }).parse(store.prepare('SELECT COUNT(*) AS issueCount FROM row_issues WHERE extract_id = ?').get(extractId));
  return {
    siteCode: extract.siteCode, period: extract.period, fileName: extract.fileName, version: extract.version, ingestedAt: extract.ingestedAt,
    quality: JSON.parse(extract.qualityJson) as unknown, supersedes: superseded?.id ?? null, sampleIssues, issueCount,
  };
}

export interface RepeatedAttendance {
  extractId: number;
  period: string;
}

/**
 * A lookup: the current extract of `siteCode` that already holds the
 * attendance, other than the site's extract for `ownPeriod` (the one a
 * resubmission replaces); null when there is none.
 */
export function repeatedAttendanceLookup(store: StoreDatabase): (attendanceKey: string, siteCode: string, ownPeriod: string | null) => RepeatedAttendance | null {
  const statement = store.prepare(
    `SELECT e.id AS extractId, e.period AS period FROM records r JOIN extracts e ON e.id = r.extract_id
      WHERE r.attendance_key = ? AND e.site_code = ? AND e.status = 'current' AND e.period IS NOT ? LIMIT 1`,
  );
  const row = z.object({ extractId: z.number(), period: z.string() }).optional();
  return (attendanceKey, siteCode, ownPeriod) => row.parse(statement.get(attendanceKey, siteCode, ownPeriod)) ?? null;
}
