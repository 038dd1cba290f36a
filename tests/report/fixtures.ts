/**
 * Builds a real istv store (the migrations of src/store) in a temp folder and
 * fills it with de-identified records as the store stage would write them, so
 * that aggregation and reports can be tested before the ingest pipeline lands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type StoreDatabase } from '../../src/store/open.ts';

export interface FixtureRecord {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, or null when the time was not recorded. */
  time?: string | null;
  weapon?: string;
  locationType?: string;
  locationText?: string | null;
  geocodeOutcome?: string;
  geocodeMethod?: string;
  confidence?: number;
  matchedId?: string | null;
  matchedName?: string | null;
  longitude?: number | null;
  latitude?: number | null;
  lsoa?: string | null;
  ward?: string | null;
  ageBand?: string;
  sex?: string | null;
  alcohol?: boolean | null;
  relationship?: string | null;
  repeatKey?: string | null;
}

/** 1 = Monday .. 7 = Sunday, as the store derives it. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const DOMESTIC = new Set(['partner_or_ex', 'family']);

export interface FixtureStore {
  store: StoreDatabase;
  directory: string;
  file: string;
  /** Adds an extract of a site and month (superseding any earlier one) with these records; returns its id. */
  addExtract(siteCode: string, period: string, records: FixtureRecord[], quality?: unknown): number;
  close(): void;
}

export function createFixtureStore(prefix = 'istv-report-'): FixtureStore {
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(directory, 'istv.sqlite');
  const store = openStore(file);
  let sequence = 0;
  const insertExtract = store.prepare(
    `INSERT INTO extracts (site_code, period, file_name, sha256, size_bytes, received_at, ingested_at, version, status, rows_read, rows_accepted, rows_rejected, header_json, quality_json)
     VALUES (?, ?, ?, ?, 1000, ?, ?, ?, 'current', ?, ?, ?, '[]', ?)`,
  );
  const insertRecord = store.prepare(
    `INSERT INTO records (extract_id, line, site_code, assault_date, assault_time, assault_month, assault_hour, assault_weekday, weapon, assault_method_text,
       location_type, location_text, assailant_relationship, domestic, age_band, sex, alcohol_involved, repeat_key, geocode_outcome, geocode_method,
       geocode_confidence, matched_id, matched_name, longitude, latitude, lsoa_code, ward_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addExtract = store.transaction((siteCode: string, period: string, records: FixtureRecord[], quality: unknown) => {
    sequence += 1;
    const previous = store.prepare(`SELECT id, version FROM extracts WHERE site_code = ? AND period = ? AND status = 'current'`).get(siteCode, period) as { id: number; version: number } | undefined;
    if (previous) store.prepare(`UPDATE extracts SET status = 'superseded' WHERE id = ?`).run(previous.id);
    const at = `${period}-28T09:00:00Z`;
    const rejected = (quality as { rowsRejected?: number } | null)?.rowsRejected ?? 0;
    const extractId = Number(
      insertExtract.run(siteCode, period, `${siteCode}-${period}-v${sequence}.csv`, `sha-${sequence}-${siteCode}-${period}`, at, at, (previous?.version ?? 0) + 1, records.length + rejected, records.length, rejected, JSON.stringify(quality ?? {}))
        .lastInsertRowid,
    );
    if (previous) store.prepare(`UPDATE extracts SET superseded_by = ? WHERE id = ?`).run(extractId, previous.id);
    records.forEach((record, index) => {
      const time = record.time === undefined ? '22:30' : record.time;
      const outcome = record.geocodeOutcome ?? (record.lsoa ? 'street' : 'no_match');
      const relationship = record.relationship ?? null;
      insertRecord.run(
        extractId,
        index + 2,
        siteCode,
        record.date,
        time,
        record.date.slice(0, 7),
        time === null ? null : Number(time.slice(0, 2)),
        weekdayOf(record.date),
        record.weapon ?? 'body',
        record.weapon ?? 'punched',
        record.locationType ?? 'street',
        record.locationText ?? null,
        relationship,
        relationship === null ? null : DOMESTIC.has(relationship) ? 1 : 0,
        record.ageBand ?? '25-34',
        record.sex ?? 'male',
        record.alcohol === undefined || record.alcohol === null ? null : record.alcohol ? 1 : 0,
        record.repeatKey ?? null,
        outcome,
        record.geocodeMethod ?? `${outcome}_exact`,
        record.confidence ?? (outcome === 'no_match' ? 0 : 0.9),
        record.matchedId ?? null,
        record.matchedName ?? null,
        record.longitude ?? null,
        record.latitude ?? null,
        record.lsoa ?? null,
        record.ward ?? null,
      );
    });
    return extractId;
  });
  return {
    store,
    directory,
    file,
    addExtract: (siteCode, period, records, quality) => addExtract(siteCode, period, records, quality ?? {}),
    close() {
      store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Real Haringey LSOAs (2011 codes, from the ONS boundaries) and wards, for tests that do not read shared/data. */
export const HARINGEY_LSOAS = [
  { code: 'E01001962', name: 'Haringey 004A', wardCode: 'E05000266', wardName: 'Alexandra', population: 1758 },
  { code: 'E01001963', name: 'Haringey 009A', wardCode: 'E05000266', wardName: 'Alexandra', population: 1820 },
  { code: 'E01001964', name: 'Haringey 009B', wardCode: 'E05000266', wardName: 'Alexandra', population: 1588 },
];
