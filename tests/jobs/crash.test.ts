/**
 * The crash test: the real scheduled job (`istv run --once`, a child process)
 * over a large generated inbox, killed with SIGKILL at random moments and
 * restarted each time, must in the end have counted every row of every file
 * exactly once, and lost or left claimed no file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLargeExtract } from '../../sample-data/large-extract.ts';
import { createRandom } from '../../sample-data/lib/random.ts';
import { repoRoot, sampleSetup } from '../pipeline/sample-area.ts';

const cli = path.join(repoRoot, 'bin', 'istv.js');

const KILLS = 20;
const ROWS_PER_FILE = 1_500;

/** Every extract the "hospitals" may drop, in the order they drop them: two sites, month after month. */
const EXTRACTS: Array<{ name: string; site: string; month: string; rows: number }> = [];
for (let index = 0; index < 240; index++) {
  const month = `${2016 + Math.floor(index / 24)}-${String(1 + (Math.floor(index / 2) % 12)).padStart(2, '0')}`;
  const site = index % 2 === 0 ? 'RX1AA' : 'RX2BB';
  EXTRACTS.push({ name: `${site}_${month}.csv`, site, month, rows: ROWS_PER_FILE + (index % 7) * 100 });
}

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

type KillPlan = { after: 'spawn' | 'ingest started'; delayMs: number } | null;

/**
 * Starts `istv run --once` and, by plan, kills it with SIGKILL a while after it
 * was spawned (start-up, lock, migrations) or after its ingest started (claims,
 * mid-file, commit, archive), unless it has finished by then.
 */
function runOnce(configFile: string, plan: KillPlan): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'run', '--once', '--config', configFile], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (plan && timer === null) timer = setTimeout(() => child.kill('SIGKILL'), plan.delayMs);
    };
    if (plan?.after === 'spawn') arm();
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // Readable log lines on stderr, one a line, with their fields after the message.
      if (plan?.after === 'ingest started' && /job started[^\n]*"job":"poll-inbox"/.test(stderr)) arm();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('the scheduled job killed at random moments', () => {
  let root: string;
  let configFile: string;
  let dataDir: string;
  const seed = Number(process.env.ISTV_CRASH_SEED ?? Date.now() % 1_000_000);

  beforeAll(() => {
    // Publishing is not what this test is about (and is not due on a first start anyway).
    const setup = sampleSetup({ schedule: { publish: { enabled: false } } });
    root = setup.folder;
    configFile = setup.configFile;
    dataDir = setup.config.dataDir;
    mkdirSync(path.join(dataDir, 'inbox'), { recursive: true });
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(`counts every row of every file exactly once after ${KILLS} SIGKILLs (seed printed for a rerun)`, async () => {
    const random = createRandom(seed);
    const inbox = path.join(dataDir, 'inbox');
    const processing = path.join(dataDir, 'processing');
    let dropped = 0;
    /** The hospitals keep dropping files, so that however fast this machine is, every kill lands on work in hand. */
    const keepInboxFull = async () => {
      while (readdirSync(inbox).length + filesUnder(processing).length < 3) {
        const extract = EXTRACTS[dropped];
        if (!extract) throw new Error(`ran out of extracts to drop after ${dropped}; add more to EXTRACTS`);
        const temporary = path.join(inbox, `.${extract.name}.part`);
        await writeLargeExtract(temporary, extract.rows, { siteCode: extract.site, month: extract.month, seed: dropped + 1 });
        renameSync(temporary, path.join(inbox, extract.name));
        dropped++;
      }
    };
    let kills = 0;
    let completedRuns = 0;
    // On a fast machine a run may finish its three files before the kill: then aim earlier.
    let longestDelayMs = 2_500;
    for (let attempt = 0; kills < KILLS && attempt < KILLS * 5; attempt++) {
      await keepInboxFull();
      // One kill in five during start-up (lock, migrations, crash recovery), the rest while files are being ingested.
      const plan: KillPlan = random.chance(0.2) ? { after: 'spawn', delayMs: random.integer(0, 4_000) } : { after: 'ingest started', delayMs: random.integer(0, longestDelayMs) };
      const run = await runOnce(configFile, plan);
      if (run.signal === 'SIGKILL') kills++;
      else {
        completedRuns++;
        longestDelayMs = Math.max(300, Math.round(longestDelayMs / 2));
        expect(run.code, run.stderr).toBe(0);
      }
    }
    expect(kills).toBe(KILLS);
    const final = await runOnce(configFile, null);
    expect(final.code, final.stderr).toBe(0);
    const files = EXTRACTS.slice(0, dropped);
    const totalRows = files.reduce((total, file) => total + file.rows, 0);
    console.log(`crash test (ISTV_CRASH_SEED=${seed}): ${kills} kills, ${completedRuns} runs finished between them, ${files.length} files, ${totalRows} rows`);

    // No file lost or left claimed.
    expect(readdirSync(inbox)).toEqual([]);
    expect(filesUnder(path.join(dataDir, 'processing'))).toEqual([]);
    const archived = filesUnder(path.join(dataDir, 'archive')).map((file) => path.basename(file));
    const quarantined = filesUnder(path.join(dataDir, 'quarantine')).filter((file) => !file.endsWith('.reason.json'));
    expect(quarantined).toEqual([]);
    expect(archived.sort()).toEqual(files.map((file) => file.name).sort());
    expect(existsSync(path.join(dataDir, 'scheduler.lock'))).toBe(false);

    // Every row counted exactly once.
    const store = new Database(path.join(dataDir, 'istv.sqlite'), { readonly: true });
    try {
      const extracts = store.prepare('SELECT site_code, period, status, rows_read, rows_accepted, rows_rejected, file_name FROM extracts ORDER BY file_name').all() as Array<{
        site_code: string;
        period: string;
        status: string;
        rows_read: number;
        rows_accepted: number;
        rows_rejected: number;
        file_name: string;
      }>;
      expect(extracts.map((extract) => [extract.file_name, extract.status, extract.rows_read])).toEqual(
        [...files].sort((a, b) => a.name.localeCompare(b.name)).map((file) => [file.name, 'current', file.rows]),
      );
      for (const extract of extracts) expect(extract.rows_accepted + extract.rows_rejected).toBe(extract.rows_read);
      const totals = store.prepare('SELECT SUM(rows_read) AS read, SUM(rows_accepted) AS accepted FROM extracts').get() as { read: number; accepted: number };
      expect(totals.read).toBe(totalRows);
      const records = store.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
      expect(records.n).toBe(totals.accepted);
      const perExtract = store
        .prepare('SELECT e.file_name, e.rows_accepted, COUNT(r.id) AS stored FROM extracts e LEFT JOIN records r ON r.extract_id = e.id GROUP BY e.id')
        .all() as Array<{ file_name: string; rows_accepted: number; stored: number }>;
      for (const extract of perExtract) expect(extract.stored, extract.file_name).toBe(extract.rows_accepted);

      // The scheduler saw its own crashes: killed runs were marked interrupted by the next start.
      const runs = store.prepare("SELECT status, COUNT(*) AS n FROM job_runs WHERE job = 'poll-inbox' GROUP BY status").all() as Array<{ status: string; n: number }>;
      const byStatus = Object.fromEntries(runs.map((run) => [run.status, run.n]));
      expect(byStatus.running ?? 0).toBe(0);
      expect(byStatus.interrupted ?? 0).toBeGreaterThan(0);
      expect(byStatus.succeeded ?? 0).toBeGreaterThan(0);
    } finally {
      store.close();
    }
    const log = readFileSync(path.join(dataDir, 'logs', 'istv.log'), 'utf8');
    expect(log).toContain('took over a stale scheduler lock');
  }, 600_000);
});
