/**
 * The body of the row-preparation worker thread: waits for an extract, then
 * validates and de-identifies it and posts the rows back in batches. It runs
 * ahead of the parent by a few batches only (the parent grants credit as it
 * takes them), so memory stays flat however large the file.
 */
import { parentPort } from 'node:worker_threads';
import { CsvStructureError } from '../validate/read-csv.ts';
import { WorkbookError } from '../validate/read-xlsx.ts';
import { createDeidentifierFromSetup, prepareRows, prepareRowsAwaitingKeys, type DeidentifierSetup, type RowPreparationOptions } from './prepare-rows.ts';
import { packRows, type WorkerMessage } from './prepare-rows-in-worker.ts';

type ParentMessage = { type: 'start'; options: RowPreparationOptions; setup: DeidentifierSetup; credit: number } | { type: 'credit' };

const port = parentPort;
if (!port) throw new Error('prepare-rows-worker.ts runs only as a worker thread');

let credit = 0;
let wake: (() => void) | null = null;
port.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    credit = message.credit;
    void prepare(message.options, message.setup);
    return;
  }
  credit += 1;
  wake?.();
  wake = null;
});

const send = (message: WorkerMessage) => port.postMessage(message);

async function prepare(options: RowPreparationOptions, setup: DeidentifierSetup): Promise<void> {
  try {
    const deidentifier = createDeidentifierFromSetup(setup);
    // With a key, the parent makes the attendance keys (see prepareRowsAwaitingKeys).
    const preparation = setup.pseudonymKey ? prepareRowsAwaitingKeys(options, deidentifier) : prepareRows(options, deidentifier);
    for await (const rows of preparation.batches) {
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      send({ type: 'rows', rows: packRows(rows) });
    }
    send({ type: 'done', quality: preparation.quality() });
  } catch (error) {
    send(
      error instanceof CsvStructureError ? { type: 'failed', structure: { line: error.line, reason: error.reason } }
      : error instanceof WorkbookError ? { type: 'failed', workbook: { reason: error.reason } }
      : { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error), code: errorCode(error) },
    );
  }
}

/** A system error's code (ENOENT, EACCES): what the refusal may name of an error whose message could quote the file. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
