/**
 * The body of the row-preparation worker thread: validates and de-identifies
 * one extract and posts the rows back in batches. It runs ahead of the parent
 * by a few batches only (the parent grants credit as it takes them), so memory
 * stays flat however large the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvStructureError } from '../validate/read-csv.ts';
import { createDeidentifierFromSetup, prepareRows, type DeidentifierSetup, type RowPreparationOptions } from './prepare-rows.ts';
import { packRows, type WorkerMessage } from './prepare-rows-in-worker.ts';

const port = parentPort;
if (!port) throw new Error('prepare-rows-worker.ts runs only as a worker thread');
const data = workerData as { options: RowPreparationOptions; setup: DeidentifierSetup; credit: number };

let credit = data.credit;
let wake: (() => void) | null = null;
port.on('message', (message: { type: 'credit' }) => {
  if (message.type !== 'credit') return;
  credit += 1;
  wake?.();
  wake = null;
});

const send = (message: WorkerMessage) => port.postMessage(message);
try {
  const preparation = prepareRows(data.options, createDeidentifierFromSetup(data.setup));
  for await (const rows of preparation.batches) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit -= 1;
    send({ type: 'rows', rows: packRows(rows) });
  }
  send({ type: 'done', quality: preparation.quality() });
} catch (error) {
  send(
    error instanceof CsvStructureError
      ? { type: 'failed', structure: { line: error.line, reason: error.reason } }
      : { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  );
}
