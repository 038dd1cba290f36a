/**
 * Runs `prepareRows` on a worker thread, so that reading, validating and
 * de-identifying rows overlaps with geocoding and storing them on the main
 * thread. Same rows, same order, same errors: a broken file still throws
 * CsvStructureError with its line.
 */
import { Worker } from 'node:worker_threads';
import type { DataQuality } from '../validate/data-quality.ts';
import { CsvStructureError } from '../validate/read-csv.ts';
import type { DeidentifierSetup, PreparedRow, RowPreparation, RowPreparationOptions } from './prepare-rows.ts';

export type WorkerMessage =
  | { type: 'rows'; rows: PreparedRow[] }
  | { type: 'done'; quality: DataQuality }
  | { type: 'failed'; structure?: { line: number | null; reason: string }; message?: string };

/** Batches the worker may send before the parent has taken them: bounds memory to a few thousand rows. */
const CREDIT = 4;

export function prepareRowsInWorker(options: RowPreparationOptions, setup: DeidentifierSetup): RowPreparation {
  let quality: DataQuality | null = null;
  async function* batches(): AsyncGenerator<PreparedRow[]> {
    const worker = new Worker(new URL('./prepare-rows-worker.mjs', import.meta.url), { workerData: { options, setup, credit: CREDIT } });
    const inbox: WorkerMessage[] = [];
    let wake: (() => void) | null = null;
    const deliver = (message: WorkerMessage) => {
      inbox.push(message);
      wake?.();
      wake = null;
    };
    worker.on('message', deliver);
    worker.on('error', (error) => deliver({ type: 'failed', message: `the row-preparation worker failed: ${error.stack ?? error.message}` }));
    worker.on('exit', (code) => deliver({ type: 'failed', message: `the row-preparation worker stopped early (exit code ${code})` }));
    try {
      for (;;) {
        while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const message = inbox.shift()!;
        if (message.type === 'done') {
          quality = message.quality;
          return;
        }
        if (message.type === 'failed') {
          if (message.structure) throw new CsvStructureError(message.structure.line, message.structure.reason);
          throw new Error(message.message);
        }
        worker.postMessage({ type: 'credit' });
        yield message.rows;
      }
    } finally {
      worker.removeAllListeners();
      await worker.terminate();
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
