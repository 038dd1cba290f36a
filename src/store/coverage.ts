/**
 * What the store knows about which extracts arrived: the current extract of
 * every site and month, and every file refused at intake. The report stage
 * turns these into each month's coverage (received, late, refused, missing),
 * which every pack states: a month without data must never read as a month
 * without violence.
 */
import { z } from 'zod';
import type { DataQuality } from '../validate/data-quality.ts';
import type { StoreDatabase } from './open.ts';

export interface ExtractReceipt {
  siteCode: string;
  period: string;
  version: number;
  fileName: string;
  receivedAt: string;
  rowsAccepted: number;
}

export interface RefusedFile {
  /** Null when neither the file name nor its rows said which site sent it. */
  siteCode: string | null;
  /** Null when the file name gave no reporting month. */
  period: string | null;
  fileName: string;
  reason: string;
  refusedAt: string;
}

const receiptRow = z.object({ site_code: z.string(), period: z.string(), version: z.number().int(), file_name: z.string(), received_at: z.string(), rows_accepted: z.number().int() });
const refusalRow = z.object({ site_code: z.string().nullable(), period: z.string().nullable(), file_name: z.string(), reason: z.string().nullable(), at: z.string() });

/** The current extract of every site and month. */
export function extractReceipts(store: StoreDatabase): ExtractReceipt[] {
  return store
    .prepare(`SELECT site_code, period, version, file_name, received_at, rows_accepted FROM extracts WHERE status = 'current' ORDER BY period, site_code`)
    .all()
    .map((row) => {
      const parsed = receiptRow.parse(row);
      return { siteCode: parsed.site_code, period: parsed.period, version: parsed.version, fileName: parsed.file_name, receivedAt: parsed.received_at, rowsAccepted: parsed.rows_accepted };
    });
}

/** Every file refused at intake, oldest first. */
export function refusedFiles(store: StoreDatabase): RefusedFile[] {
  return store
    .prepare(`SELECT site_code, period, file_name, reason, at FROM intake_events WHERE outcome = 'quarantined' ORDER BY id`)
    .all()
    .map((row) => {
      const parsed = refusalRow.parse(row);
      return { siteCode: parsed.site_code, period: parsed.period, fileName: parsed.file_name, reason: parsed.reason ?? 'no reason recorded', refusedAt: parsed.at };
    });
}

export interface CurrentExtractRow {
  siteCode: string;
  period: string;
  version: number;
  receivedAt: string;
  rowsAccepted: number;
  rowsRejected: number;
  /** The data-quality measures written at ingest (quality_json); a measure missing from it is not measured. */
  quality: Partial<DataQuality>;
}

const measure = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const counts = z.record(z.string(), z.number());

/**
 * quality_json (src/validate/data-quality.ts), read leniently: a store written
 * by an older istv may lack a measure or hold it in another shape, and the
 * hospital feedback then says "not measured" for it rather than failing.
 */
const qualityMeasures = z
  .object({
    rowsRead: measure(z.number()),
    rowsAccepted: measure(z.number()),
    rowsRejected: measure(z.number()),
    rejectsByReason: measure(counts),
    issuesByCode: measure(counts),
    issuesByField: measure(z.record(z.string(), counts)),
    completeness: measure(counts),
    locationBlank: measure(z.number()),
    locationUnknown: measure(z.number()),
    impossibleTimes: measure(z.number()),
    weaponKnown: measure(z.number()),
    geocodeOutcomes: measure(counts),
    identifiersScrubbed: measure(counts),
    identifierColumnsDropped: measure(z.array(z.string())),
    columnsDropped: measure(z.array(z.string())),
    assaultDateRange: measure(z.object({ first: z.string().nullable(), last: z.string().nullable() })),
  })
  .catch({});

// Every measure of DataQuality is read: one added there and not here fails to compile.
const everyMeasureRead: [Exclude<keyof DataQuality, keyof z.infer<typeof qualityMeasures>>] extends [never] ? true : never = true;
void everyMeasureRead;

function readQuality(json: string): Partial<DataQuality> {
  try {
    return qualityMeasures.parse(JSON.parse(json));
  } catch {
    return {};
  }
}

const currentExtractRow = z.object({ site_code: z.string(), period: z.string(), version: z.number().int(), received_at: z.string(), rows_accepted: z.number().int(), rows_rejected: z.number().int(), quality_json: z.string() });

/** The current extract of every site for the months `first` to `last`, with its data-quality measures. */
export function currentExtractsBetween(store: StoreDatabase, first: string, last: string): CurrentExtractRow[] {
  return store
    .prepare(
      `SELECT site_code, period, version, received_at, rows_accepted, rows_rejected, quality_json FROM extracts
       WHERE status = 'current' AND period >= ? AND period <= ? ORDER BY site_code, period`,
    )
    .all(first, last)
    .map((row) => {
      const parsed = currentExtractRow.parse(row);
      return { siteCode: parsed.site_code, period: parsed.period, version: parsed.version, receivedAt: parsed.received_at, rowsAccepted: parsed.rows_accepted, rowsRejected: parsed.rows_rejected, quality: readQuality(parsed.quality_json) };
    });
}
