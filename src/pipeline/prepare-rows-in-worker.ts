/**
 * Runs `prepareRows` on a worker thread, so that reading, validating and
 * de-identifying rows overlaps with geocoding and storing them on the main
 * thread. Same rows, same order, same errors: a broken file still throws
 * CsvStructureError with its line.
 */
import { Worker } from 'node:worker_threads';
import type { DataQuality } from '../validate/data-quality.ts';
import { CsvStructureError } from '../validate/read-csv.ts';
import type { DeidentifiedRecord } from '../deidentify/types.ts';
import type { RowIssue } from '../validate/types.ts';
import type { DeidentifierSetup, PreparedRow, RowPreparation, RowPreparationOptions } from './prepare-rows.ts';

/**
 * Rows cross the thread boundary as arrays of values: structured cloning writes
 * every property name of every object, and for a million records that is most
 * of the cost. Written out field by field (not a loop over names) so that the
 * records rebuilt on the main thread are ordinary fast objects; `unpackRecord`
 * is typed as a whole DeidentifiedRecord, so a field added there and forgotten
 * here does not compile.
 */
type PackedRecord = readonly unknown[];
export type PackedRow = [line: number, issues: RowIssue[], values: PackedRecord | null];

function packRecord(record: DeidentifiedRecord): PackedRecord {
  return [
    record.line, record.siteCode, record.attendanceKey, record.arrival?.date ?? null, record.arrival?.time ?? null,
    record.assault.date, record.assault.time, record.weapon,
    record.assaultMethodText, record.assaultMethodOther, record.locationType, record.locationText, record.locationPostcode,
    record.locationIsHome, record.assailantCount, record.assailantRelationship, record.reportedToPolice,
    record.wantsPoliceInformed, record.ageBand, record.sex, record.alcoholInvolved, record.residenceLsoa, record.repeatKey,
    record.scrubbed,
  ];
}

function unpackRecord(values: PackedRecord): DeidentifiedRecord {
  type R = DeidentifiedRecord;
  const arrivalDate = values[3] as string | null;
  return {
    line: values[0] as R['line'], siteCode: values[1] as R['siteCode'], attendanceKey: values[2] as R['attendanceKey'],
    arrival: arrivalDate === null ? null : { date: arrivalDate, time: values[4] as string | null },
    assault: { date: values[5] as string, time: values[6] as string | null }, weapon: values[7] as R['weapon'],
    assaultMethodText: values[8] as R['assaultMethodText'], assaultMethodOther: values[9] as R['assaultMethodOther'],
    locationType: values[10] as R['locationType'], locationText: values[11] as R['locationText'],
    locationPostcode: values[12] as R['locationPostcode'], locationIsHome: values[13] as R['locationIsHome'],
    assailantCount: values[14] as R['assailantCount'], assailantRelationship: values[15] as R['assailantRelationship'],
    reportedToPolice: values[16] as R['reportedToPolice'], wantsPoliceInformed: values[17] as R['wantsPoliceInformed'],
    ageBand: values[18] as R['ageBand'], sex: values[19] as R['sex'], alcoholInvolved: values[20] as R['alcoholInvolved'],
    residenceLsoa: values[21] as R['residenceLsoa'], repeatKey: values[22] as R['repeatKey'], scrubbed: values[23] as R['scrubbed'],
  };
}

export function packRows(rows: PreparedRow[]): PackedRow[] {
  return rows.map(({ line, issues, record }) => [line, issues, record === null ? null : packRecord(record)]);
}

export function unpackRows(packed: PackedRow[]): PreparedRow[] {
  return packed.map(([line, issues, values]) => ({ line, issues, record: values === null ? null : unpackRecord(values) }));
}

export type WorkerMessage =
  | { type: 'rows'; rows: PackedRow[] }
  | { type: 'done'; quality: DataQuality }
  | { type: 'failed'; structure?: { line: number | null; reason: string }; message?: string };

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
 * A worker thread for one extract. Made as soon as the file is known to be large,
 * so that the thread starts (and loads its code) while the parent checksums the
 * file and reads its header; `start` then hands it the extract. `stop` ends a
 * thread that was not needed after all (a duplicate or a refused file).
 */
export class RowPreparationWorker {
  private readonly worker = new Worker(new URL('./prepare-rows-worker.mjs', import.meta.url), {
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
            throw new Error(message.message);
          }
          self.worker.postMessage({ type: 'credit' });
          yield unpackRows(message.rows);
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
