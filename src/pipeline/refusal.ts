/**
 * Why a file is refused, as a value: every step of ingest that can refuse a file
 * returns one of these instead of throwing, and the file goes to quarantine/
 * with it. The reason names lines, fields and expectations, never a cell.
 */
import type { DataQuality } from '../validate/data-quality.ts';

export interface Refusal {
  reason: string;
  /** The line the problem is on, when there is one. */
  line: number | null;
  details?: unknown;
  /** Rows read before the file was refused, when it was read to the end. */
  counts?: { rowsRead: number; rowsRejected: number; quality: DataQuality };
}

export function refusal(reason: string, line: number | null = null, details?: unknown): Refusal {
  return details === undefined ? { reason, line } : { reason, line, details };
}

/**
 * A reader's error as a refusal: whatever produced the rows (CSV, a workbook)
 * and however it failed, the file is refused with the line (a workbook's sheet
 * row) when the error carries one. An error's message may quote the file, so
 * only a structure or workbook error's own reason (written to name no value)
 * and an error code are kept.
 */
export function readerRefusal(error: unknown, kind: 'text' | 'xlsx' = 'text'): Refusal {
  const failure = error as { name?: string; line?: unknown; reason?: unknown; code?: unknown };
  if (failure.name === 'WorkbookError' && typeof failure.reason === 'string') return refusal(`The workbook was not read: ${failure.reason}`);
  const line = typeof failure.line === 'number' && Number.isFinite(failure.line) ? failure.line : null;
  const what =
    failure.name === 'CsvStructureError' && typeof failure.reason === 'string' ? failure.reason
    : `the file cannot be read (${typeof failure.code === 'string' ? failure.code : (failure.name ?? 'unknown error')})`;
  const where = line === null ? '' : `${kind === 'xlsx' ? 'Row' : 'Line'} ${line}: `;
  return refusal(`${where}${what}. Nothing after this point can be read reliably, so no row of the file was stored.`, line);
}
