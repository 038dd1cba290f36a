/**
 * Runs `prepareRows` on a worker thread, so that reading, validating and
 * de-identifying rows overlaps with geocoding and storing them on the main
 * thread. Same rows, same order, same errors: a broken file still throws
 * CsvStructureError with its line.
 */
import { Worker } from 'node:worker_threads';
import type { DataQuality } from '../validate/data-quality.ts';
import { CsvStructureError } from '../validate/read-csv.ts';
import { WorkbookError } from '../validate/read-xlsx.ts';
import { attendanceKeyer, type AttendanceKeyer } from '../deidentify/deidentify.ts';
import type { DeidentifiedRecord } from '../deidentify/types.ts';
import type { RowIssue } from '../validate/types.ts';
import type { DeidentifierSetup, PreparedRow, PreparedRowAwaitingKey, RowPreparation, RowPreparationOptions } from './prepare-rows.ts';

/**
 * Rows cross the thread boundary as one flat array of values per batch:
 * structured cloning writes every property name of every object and a header for
 * every array, and for a million records that is most of the cost. Empty issue
 * lists and empty scrub counts (most rows) cross as null. Written out field by
 * field (not a loop over names) so that the records rebuilt on the main thread are
 * ordinary fast objects; `unpackRecord` is typed as a whole DeidentifiedRecord, so
 * a field added there and forgotten here does not compile.
 *
 * Per row: line, issues or null, then 0 (rejected) or 1 (accepted) followed by
 * the attendance reference to key (or null), the text for the geocoder (or null)
 * and RECORD_WIDTH values.
 */
export type PackedRows = unknown[];
/** Values per accepted record: every field of DeidentifiedRecord but `line` (the row's), arrival, assault and the point as two each. */
const RECORD_WIDTH = 25;

function isEmpty(object: object): boolean {
  for (const _key in object) return false;
  return true;
}

function packRecord(packed: PackedRows, record: DeidentifiedRecord): void {
  packed.push(
    record.siteCode, record.attendanceKey, record.arrival?.date ?? null, record.arrival?.time ?? null,
    record.assault.date, record.assault.time, record.weapon,
    record.assaultMethodText, record.assaultMethodOther, record.locationType, record.locationText, record.locationPostcode,
    record.locationIsHome, record.assailantCount, record.assailantRelationship, record.reportedToPolice,
    record.wantsPoliceInformed, record.ageBand, record.sex, record.alcoholInvolved, record.residenceLsoa, record.repeatKey,
    isEmpty(record.scrubbed) ? null : record.scrubbed, record.locationPoint?.longitude ?? null, record.locationPoint?.latitude ?? null,
  );
}

function unpackRecord(values: PackedRows, at: number, line: number, attendanceKey: string | null): DeidentifiedRecord {
  type R = DeidentifiedRecord;
  const arrivalDate = values[at + 2] as string | null;
  const longitude = values[at + 23] as number | null;
  return {
    line, siteCode: values[at] as R['siteCode'], attendanceKey: attendanceKey ?? (values[at + 1] as R['attendanceKey']),
    arrival: arrivalDate === null ? null : { date: arrivalDate, time: values[at + 3] as string | null },
    assault: { date: values[at + 4] as string, time: values[at + 5] as string | null }, weapon: values[at + 6] as R['weapon'],
    assaultMethodText: values[at + 7] as R['assaultMethodText'], assaultMethodOther: values[at + 8] as R['assaultMethodOther'],
    locationType: values[at + 9] as R['locationType'], locationText: values[at + 10] as R['locationText'],
    locationPostcode: values[at + 11] as R['locationPostcode'], locationIsHome: values[at + 12] as R['locationIsHome'],
    assailantCount: values[at + 13] as R['assailantCount'], assailantRelationship: values[at + 14] as R['assailantRelationship'],
    reportedToPolice: values[at + 15] as R['reportedToPolice'], wantsPoliceInformed: values[at + 16] as R['wantsPoliceInformed'],
    ageBand: values[at + 17] as R['ageBand'], sex: values[at + 18] as R['sex'], alcoholInvolved: values[at + 19] as R['alcoholInvolved'],
    residenceLsoa: values[at + 20] as R['residenceLsoa'], repeatKey: values[at + 21] as R['repeatKey'],
    scrubbed: (values[at + 22] as R['scrubbed'] | null) ?? {},
    locationPoint: longitude === null ? null : { longitude, latitude: values[at + 24] as number },
  };
}

export function packRows(rows: Array<PreparedRow | PreparedRowAwaitingKey>): PackedRows {
  const packed: PackedRows = [];
  for (const row of rows) {
    packed.push(row.line, row.issues.length === 0 ? null : row.issues);
    if (row.record === null) packed.push(0);
    else {
      packed.push(1, 'attendanceIdToKey' in row ? row.attendanceIdToKey : null, row.geocodeText);
      packRecord(packed, row.record);
    }
  }
  return packed;
}

/** Rebuilds the rows, making the attendance keys the worker left (so no reference leaves this stage). */
export function unpackRows(packed: PackedRows, keyAttendance: AttendanceKeyer | null): PreparedRow[] {
  const rows: PreparedRow[] = [];
  let at = 0;
  while (at < packed.length) {
    const line = packed[at] as number;
    const issues = (packed[at + 1] as RowIssue[] | null) ?? [];
    if (packed[at + 2] === 0) {
      rows.push({ line, issues, record: null, geocodeText: null });
      at += 3;
      continue;
    }
    const attendanceIdToKey = packed[at + 3] as string | null;
    const geocodeText = packed[at + 4] as string | null;
    const recordAt = at + 5;
    const key = attendanceIdToKey !== null && keyAttendance ? keyAttendance(packed[recordAt] as string, attendanceIdToKey) : null;
    rows.push({ line, issues, record: unpackRecord(packed, recordAt, line, key), geocodeText });
    at = recordAt + RECORD_WIDTH;
  }
  return rows;
}

export type WorkerMessage =
  | { type: 'rows'; rows: PackedRows }
  | { type: 'done'; quality: DataQuality }
  /**
   * A reader's error, rebuilt on this side as what it was: a structure error with
   * its line, a workbook error with its reason (both written to name no cell),
   * or any other error with its message (for the log) and system code.
   */
  | { type: 'failed'; structure?: { line: number | null; reason: string }; workbook?: { reason: string }; message?: string; code?: string };

/** Batches the worker may send before the parent has taken them: bounds memory to a few thousand rows. */
const CREDIT = 4;

/**
 * The worker makes about 7 KB of short-lived objects per row (csv-parse's field
 * buffers and strings, then each stage's objects). With V8's default young
 * generation (48 MB here) it collected every 2,000 rows and spent an eighth of its
 * time doing so; four times the room cuts the collections to a third and their
 * time to a third (measured on the benchmark extract), for at most ~150 MB more.
 */
const WORKER_YOUNG_GENERATION_MB = 192;

/**
 * The worker's entry module: compiled, the JavaScript beside this file; run from
 * the TypeScript sources (tests, development), a shim that registers tsx first,
 * since a worker starts without its parent's module hooks.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './prepare-rows-worker-tsx.mjs' : './prepare-rows-worker.js';

/**
 * A worker thread for one extract. Made as soon as the file is known to be large,
 * so that the thread starts (and loads its code) while the parent checksums the
 * file and reads its header; `start` then hands it the extract. `stop` ends a
 * thread that was not needed after all (a duplicate or a refused file).
 */
export class RowPreparationWorker {
  private readonly worker = new Worker(new URL(WORKER_ENTRY, import.meta.url), {
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  private readonly inbox: WorkerMessage[] = [];
  private wake: (() => void) | null = null;
  private started = false;

  constructor() {
    const deliver = (message: WorkerMessage) => {
      this.inbox.push(message);
      this.wake?.();
      this.wake = null;
    };
    this.worker.on('message', deliver);
    this.worker.on('error', (error) => deliver({ type: 'failed', message: `the row-preparation worker failed: ${error.stack ?? error.message}` }));
    this.worker.on('exit', (code) => deliver({ type: 'failed', message: `the row-preparation worker stopped early (exit code ${code})` }));
  }

  start(options: RowPreparationOptions, setup: DeidentifierSetup): RowPreparation {
    if (this.started) throw new Error('A row-preparation worker prepares one extract only');
    this.started = true;
    this.worker.postMessage({ type: 'start', options, setup, credit: CREDIT });
    // The worker leaves the HMAC of each attendance reference to this thread, which
    // otherwise waits for it (the worker is the slower half); see prepareRowsAwaitingKeys.
    const keyAttendance = attendanceKeyer(setup.pseudonymKey);
    let quality: DataQuality | null = null;
    const self = this;
    async function* batches(): AsyncGenerator<PreparedRow[]> {
      try {
        for (;;) {
          while (self.inbox.length === 0) await new Promise<void>((resolve) => (self.wake = resolve));
          const message = self.inbox.shift()!;
          if (message.type === 'done') {
            quality = message.quality;
            return;
          }
          if (message.type === 'failed') {
            if (message.structure) throw new CsvStructureError(message.structure.line, message.structure.reason);
            if (message.workbook) throw new WorkbookError(message.workbook.reason);
            throw Object.assign(new Error(message.message), message.code ? { code: message.code } : {});
          }
          self.worker.postMessage({ type: 'credit' });
          yield unpackRows(message.rows, keyAttendance);
        }
      } finally {
        await self.stop();
      }
    }
    return {
      batches: batches(),
      quality: () => {
        if (quality === null) throw new Error('The worker has not finished the extract: read every batch before asking for its quality');
        return quality;
      },
    };
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners();
    await this.worker.terminate();
  }
}
