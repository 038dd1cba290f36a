/** The runs table: one row per ingest run, 'running' until it finishes. */
import type { StoreDatabase } from './open.ts';

export function startRun(store: StoreDatabase, kind: string, now: Date): number {
  const info = store.prepare("INSERT INTO runs (kind, started_at, status) VALUES (?, ?, 'running')").run(kind, now.toISOString());
  return Number(info.lastInsertRowid);
}

export function finishRun(store: StoreDatabase, runId: number, status: 'succeeded' | 'failed', summary: unknown, now: Date): void {
  store.prepare('UPDATE runs SET finished_at = ?, status = ?, summary_json = ? WHERE id = ?').run(now.toISOString(), status, JSON.stringify(summary), runId);
}
