/**
 * Writes one extract into the store as a single transaction: the extract's
 * provenance, its de-identified records and its row issues. A crash at any
 * point before `commit` leaves the store exactly as it was (SQLite rolls the
 * open transaction back on the next open), so the file can simply be ingested
 * again. Records stream in as the file is read; nothing is held in memory.
 */
import type { DeidentifiedRecord } from '../deidentify/types.ts';
import type { GeocodeResult } from '../geocode/types.ts';
import { isoWeekday } from '../validate/dates.ts';
import type { RowIssue } from '../validate/types.ts';
import { DOMESTIC_RELATIONSHIPS } from '../../schemas/code-lists.ts';
import { z } from 'zod';
import type { StoreDatabase } from './open.ts';

export interface ExtractProvenance {
  fileName: string;
  sha256: string;
  sizeBytes: number;
  receivedAt: string;
}

export interface ExtractCompletion {
  siteCode: string;
  period: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  header: unknown;
  quality: unknown;
  gazetteerVersion: string | null;
  ingestedAt: string;
}

export interface CommittedExtract {
  extractId: number;
  version: number;
  /** The extract this one replaced as current for its site and month, if any. */
  supersededExtractId: number | null;
}

const booleanToInteger = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

function asTransaction(database: StoreDatabase) {
  return {
    begin: () => database.exec('BEGIN IMMEDIATE'),
    commit: () => database.exec('COMMIT'),
    rollback: () => {
      if (database.inTransaction) database.exec('ROLLBACK');
    },
  };
}

export class ExtractWriter {
  private readonly transaction;
  private readonly insertRecordStatement;
  private readonly insertIssueStatement;
  readonly extractId: number;
  private finished = false;

  constructor(
    private readonly database: StoreDatabase,
    provenance: ExtractProvenance,
  ) {
    this.transaction = asTransaction(database);
    this.transaction.begin();
    try {
      // Inserted as superseded, so it is invisible to reports until commit makes it current.
      const info = database
        .prepare(`INSERT INTO extracts (site_code, period, file_name, sha256, size_bytes, received_at, ingested_at, version, status,
                    rows_read, rows_accepted, rows_rejected, header_json, quality_json)
                  VALUES ('', '', ?, ?, ?, ?, ?, 0, 'superseded', 0, 0, 0, '{}', '{}')`)
        .run(provenance.fileName, provenance.sha256, provenance.sizeBytes, provenance.receivedAt, provenance.receivedAt);
      this.extractId = Number(info.lastInsertRowid);
    } catch (error) {
      this.transaction.rollback();
      throw error;
    }
    this.insertRecordStatement = database.prepare(`INSERT INTO records (
        extract_id, line, site_code, attendance_key, arrival_date, arrival_time, assault_date, assault_time, assault_month,
        assault_hour, assault_weekday, weapon, assault_method_text, assault_method_other, location_type, location_text,
        assailant_count, assailant_relationship, domestic, reported_to_police, wants_police_informed, age_band, sex,
        alcohol_involved, residence_lsoa, repeat_key, geocode_outcome, geocode_method, geocode_confidence, matched_id,
        matched_name, longitude, latitude, lsoa_code, ward_code, gazetteer_version, scrubbed_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertIssueStatement = database.prepare('INSERT INTO row_issues (extract_id, line, field, code, message, severity) VALUES (?, ?, ?, ?, ?, ?)');
  }

  addRecord(record: DeidentifiedRecord, geocode: GeocodeResult, gazetteerVersion: string | null): void {
    const assault = record.assault;
    this.insertRecordStatement.run(
      this.extractId, record.line, record.siteCode, record.attendanceKey,
      record.arrival?.date ?? null, record.arrival?.time ?? null, assault.date, assault.time, assault.date.slice(0, 7),
      assault.time === null ? null : Number(assault.time.slice(0, 2)), isoWeekday(assault.date),
      record.weapon, record.assaultMethodText, record.assaultMethodOther, record.locationType, record.locationText,
      record.assailantCount, record.assailantRelationship,
      record.assailantRelationship === null ? null : booleanToInteger(DOMESTIC_RELATIONSHIPS.has(record.assailantRelationship)),
      booleanToInteger(record.reportedToPolice), booleanToInteger(record.wantsPoliceInformed), record.ageBand, record.sex,
      booleanToInteger(record.alcoholInvolved), record.residenceLsoa, record.repeatKey,
      geocode.outcome, geocode.method, geocode.confidence, geocode.matchedId, geocode.matchedName,
      geocode.longitude, geocode.latitude, geocode.lsoaCode, geocode.wardCode, gazetteerVersion, JSON.stringify(record.scrubbed),
    );
  }

  addIssue(issue: RowIssue): void {
    this.insertIssueStatement.run(this.extractId, issue.line, issue.field, issue.code, issue.message, issue.severity);
  }

  /** Makes this extract the current one for its site and month, superseding any earlier one, and commits. */
  commit(completion: ExtractCompletion): CommittedExtract {
    if (this.finished) throw new Error(`Extract ${this.extractId} was already committed or aborted`);
    try {
      const previous = findCurrentExtract(this.database, completion.siteCode, completion.period);
      const { version } = nextVersionRow.parse(
        this.database.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS version FROM extracts WHERE site_code = ? AND period = ?').get(completion.siteCode, completion.period),
      );
      if (previous !== null) {
        this.database.prepare("UPDATE extracts SET status = 'superseded', superseded_by = ? WHERE id = ?").run(this.extractId, previous.id);
      }
      this.database
        .prepare(`UPDATE extracts SET site_code = ?, period = ?, version = ?, status = 'current', rows_read = ?, rows_accepted = ?,
                    rows_rejected = ?, header_json = ?, quality_json = ?, gazetteer_version = ?, ingested_at = ? WHERE id = ?`)
        .run(completion.siteCode, completion.period, version, completion.rowsRead, completion.rowsAccepted, completion.rowsRejected,
          JSON.stringify(completion.header), JSON.stringify(completion.quality), completion.gazetteerVersion, completion.ingestedAt, this.extractId);
      this.transaction.commit();
      this.finished = true;
      return { extractId: this.extractId, version, supersededExtractId: previous?.id ?? null };
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Rolls the extract back; a no-op once committed or aborted (a late abort must not roll back another file's transaction). */
  abort(): void {
    if (this.finished) return;
    this.finished = true;
    this.transaction.rollback();
  }
}

const nextVersionRow = z.object({ version: z.number().int() });
const currentExtractRow = z.object({ id: z.number().int(), rowsAccepted: z.number().int() });
const extractByChecksumRow = z.object({ id: z.number().int(), siteCode: z.string(), period: z.string(), status: z.string() });

/** The current extract of a site and month, if there is one. */
export function findCurrentExtract(database: StoreDatabase, siteCode: string, period: string): z.infer<typeof currentExtractRow> | null {
  const row = database
    .prepare("SELECT id, rows_accepted AS rowsAccepted FROM extracts WHERE site_code = ? AND period = ? AND status = 'current'")
    .get(siteCode, period);
  return row === undefined ? null : currentExtractRow.parse(row);
}

/** Whether a file with this checksum was already ingested, and as which extract. */
export function findExtractByChecksum(database: StoreDatabase, sha256: string): z.infer<typeof extractByChecksumRow> | null {
  const row = database.prepare('SELECT id, site_code AS siteCode, period, status FROM extracts WHERE sha256 = ?').get(sha256);
  return row === undefined ? null : extractByChecksumRow.parse(row);
}

export function recordIntakeEvent(
  database: StoreDatabase,
  event: {
    fileName: string;
    sha256: string | null;
    outcome: 'duplicate' | 'quarantined';
    reason: string | null;
    extractId: number | null;
    at: string;
    /** The site and reporting month the file was for, where known: a refused file then shows as that site's refused month in every pack. */
    siteCode?: string | null;
    period?: string | null;
  },
): void {
  database
    .prepare('INSERT INTO intake_events (file_name, sha256, outcome, reason, extract_id, at, site_code, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(event.fileName, event.sha256, event.outcome, event.reason, event.extractId, event.at, event.siteCode ?? null, event.period ?? null);
}
