/**
 * A process killed mid-ingest (a real child process, SIGKILL) leaves the store
 * consistent — the old state — and a rerun completes the file.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { writeLargeExtract } from '../../sample-data/large-extract.ts';
import { repoRoot, sampleSetup } from './sample-area.ts';


function runIngest(configFile: string, killAfterMs: number | null): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'istv.js'), 'ingest', '--config', configFile, '--json'], { stdio: 'ignore' });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

function checkConsistent(storeFile: string) {
  const store = openStore(storeFile);
  try {
    expect(store.pragma('integrity_check', { simple: true })).toBe('ok');
    const extracts = store.prepare('SELECT id, status, rows_read, rows_accepted, rows_rejected, (SELECT COUNT(*) FROM records r WHERE r.extract_id = e.id) AS records FROM extracts e').all() as Array<Record<string, number | string>>;
    for (const extract of extracts) {
      expect(extract.status).toBe('current');
      expect(extract.records).toBe(extract.rows_accepted);
      expect(Number(extract.rows_accepted) + Number(extract.rows_rejected)).toBe(extract.rows_read);
    }
    const orphans = store.prepare('SELECT COUNT(*) AS n FROM records WHERE extract_id NOT IN (SELECT id FROM extracts)').get() as { n: number };
    expect(orphans.n).toBe(0);
    return extracts;
  } finally {
    store.close();
  }
}

describe('a process killed mid-ingest', () => {
  // 20,000 rows are validated on the main thread; 60,000 (over 4 MiB) on a worker thread.
  it.each([
    ['on the main thread', 20_000, [400, 900, 1500, 2500]],
    ['with a worker thread', 60_000, [600, 1500, 3000, 4500]],
  ])('leaves either no extract or the whole extract, and a rerun completes it (%s)', async (_where, rows, killTimes) => {
    const setup = sampleSetup();
    const inbox = path.join(setup.config.dataDir, 'inbox');
    const storeFile = path.join(setup.config.dataDir, 'istv.sqlite');
    // A first run with an empty inbox creates the data dir.
    await runIngest(setup.configFile, null);
    await writeLargeExtract(path.join(inbox, 'RX1AA_2026-10.csv'), rows, { seed: 7 });

    const outcomes: string[] = [];
    for (const killAfterMs of killTimes) {
      const { signal } = await runIngest(setup.configFile, killAfterMs);
      outcomes.push(signal ?? 'finished');
      const extracts = checkConsistent(storeFile);
      expect(extracts.length).toBeLessThanOrEqual(1);
      if (signal === null) break;
    }
    // Whatever happened above, one more run finishes the job.
    const final = await runIngest(setup.configFile, null);
    expect(final.code).toBe(0);
    const extracts = checkConsistent(storeFile);
    expect(extracts).toHaveLength(1);
    expect(extracts[0]!.rows_read).toBe(rows);
    expect(readdirSync(inbox)).toEqual([]);
    expect(readdirSync(path.join(setup.config.dataDir, 'processing'))).toEqual([]);
    expect(existsSync(path.join(setup.config.dataDir, 'reports', 'data-quality', 'RX1AA', '2026-10-v1.html'))).toBe(true);
    expect(outcomes[0]).toBe('SIGKILL');
  }, 120_000);
});
