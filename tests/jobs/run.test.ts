import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScheduler, type RunSchedulerOptions } from '../../jobs/run.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { schedulerLockPath } from '../../src/schedule/lock.ts';
import { openTestDataDir, recordingSteps, scheduleConfig, SITES, type RecordingSteps, type TestDataDir } from './helpers.ts';

let dataDir: TestDataDir | null = null;
afterEach(() => {
  dataDir?.close();
  dataDir = null;
});

function options(dir: TestDataDir, steps: RecordingSteps, overrides: Partial<RunSchedulerOptions> = {}): RunSchedulerOptions {
  return { context: dir.context, steps, config: scheduleConfig(), sites: SITES.map((site) => ({ code: site.code })), mode: 'once', ...overrides };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runScheduler once', () => {
  it('runs what is due, releases the lock and exits 0', async () => {
    dataDir = openTestDataDir('2026-07-01T09:00:00Z');
    const steps = recordingSteps(dataDir.clock);
    const result = await runScheduler(options(dataDir, steps));
    expect(result.outcome).toBe('ok');
    expect(result.reports[0]?.outcomes.map((outcome) => outcome.job)).toEqual(['poll-inbox', 'check-late-extracts', 'purge-archive']);
    expect(existsSync(schedulerLockPath(dataDir.context.dataDir.root))).toBe(false);
  });

  it('exits 4 (partial) when a month fails, after running the rest', async () => {
    dataDir = openTestDataDir('2026-09-15T12:00:00Z');
    const steps = recordingSteps(dataDir.clock);
    steps.failingMonths.add('2026-07');
    const result = await runScheduler(options(dataDir, steps, { config: scheduleConfig({ publish: { fromMonth: '2026-07' } }) }));
    expect(result.outcome).toBe('partial');
    expect(steps.calls.map((call) => call.month ?? call.step)).toEqual(['ingest', '2026-07', '2026-08', 'purge']);
  });

  it('exits 4 (partial) when a file was quarantined, as istv ingest does', async () => {
    dataDir = openTestDataDir('2026-07-01T09:00:00Z');
    const steps = recordingSteps(dataDir.clock);
    steps.ingestInbox = async () => ({ files: 2, quarantined: 1, failed: 0 });
    const result = await runScheduler(options(dataDir, steps));
    expect(result.reports[0]?.outcomes[0]).toMatchObject({ job: 'poll-inbox', status: 'succeeded' });
    expect(result.outcome).toBe('partial');
  });

  it('exits 5 (locked) without running anything while another scheduler holds the data dir, and says who', async () => {
    dataDir = openTestDataDir('2026-07-01T09:00:00Z');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const steps = recordingSteps(dataDir.clock);
      const lockFile = schedulerLockPath(dataDir.context.dataDir.root);
      const holder = { pid: sleeper.pid, host: os.hostname(), bootId: null, startedAt: '2026-07-01T08:00:00.000Z', command: 'istv jobs', token: 'the-other-one' };
      await import('node:fs').then((fs) => fs.writeFileSync(lockFile, JSON.stringify(holder)));
      const result = await runScheduler(options(dataDir, steps));
      expect(result.outcome).toBe('locked');
      expect(result.lockedBy?.message).toContain(`pid ${sleeper.pid} on ${os.hostname()}, started 2026-07-01T08:00:00.000Z (istv jobs)`);
      expect(steps.calls).toEqual([]);
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual(holder);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('takes over the lock of a scheduler that was killed, and marks its unfinished run interrupted', async () => {
    dataDir = openTestDataDir('2026-07-01T09:00:00Z');
    const { store } = dataDir.context;
    store.prepare("INSERT INTO job_runs (job, started_at, status) VALUES ('poll-inbox', '2026-07-01T08:45:00.000Z', 'running')").run();
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('close', resolve));
    const lockFile = schedulerLockPath(dataDir.context.dataDir.root);
    await import('node:fs').then((fs) =>
      fs.writeFileSync(lockFile, JSON.stringify({ pid: dead.pid, host: os.hostname(), bootId: null, startedAt: '2026-07-01T08:45:00.000Z', command: 'istv jobs', token: 'killed' })),
    );
    const result = await runScheduler(options(dataDir, recordingSteps(dataDir.clock)));
    expect(result.outcome).toBe('ok');
    expect(store.prepare("SELECT status FROM job_runs WHERE started_at = '2026-07-01T08:45:00.000Z'").get()).toEqual({ status: 'interrupted' });
    const takeover = dataDir.logLines().find((line) => line.msg === 'took over a stale scheduler lock');
    expect(takeover?.staleHolder).toMatchObject({ pid: dead.pid, command: 'istv jobs', startedAt: '2026-07-01T08:45:00.000Z' });
    expect(takeover?.reason).toBe(`pid ${dead.pid} is not running`);
  });
});

describe('runScheduler in the foreground', () => {
  it('runs the node-cron tasks on their schedule until stopped, refusing overlapping ticks', async () => {
    dataDir = openTestDataDir(null);
    const steps = recordingSteps(dataDir.clock);
    // Every second, and each ingest takes 1.5 s: some ticks must fall while one is running.
    const ingest = steps.ingestInbox;
    steps.ingestInbox = async (context) => {
      await sleep(1_500);
      return ingest(context);
    };
    const controller = new AbortController();
    const running = runScheduler(options(dataDir, steps, { mode: 'foreground', signal: controller.signal, config: scheduleConfig({ pollInbox: { cron: '* * * * * *' } }) }));
    await sleep(5_000);
    controller.abort();
    const result = await running;
    expect(result.outcome).toBe('ok');
    const ingests = steps.calls.filter((call) => call.step === 'ingest').length;
    // The start-up cycle plus at least one cron tick; never two at once.
    expect(ingests).toBeGreaterThanOrEqual(2);
    expect(ingests).toBeLessThanOrEqual(4);
    const lines = dataDir.logLines();
    expect(lines.some((line) => line.msg === 'tick skipped: a step is still running' && line.runningJob === 'poll-inbox')).toBe(true);
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['scheduler running', 'stop requested: finishing the step in hand', 'scheduler stopped']));
    expect(existsSync(schedulerLockPath(dataDir.context.dataDir.root))).toBe(false);
    // The step in hand when the stop came was finished, not abandoned.
    const runs = dataDir.context.store.prepare("SELECT status, COUNT(*) AS n FROM job_runs GROUP BY status").all();
    expect(runs.every((run) => (run as { status: string }).status === 'succeeded')).toBe(true);
  });

  it('stops after the step in hand when the stop comes during the start-up catch-up', async () => {
    dataDir = openTestDataDir('2026-07-01T09:00:00Z');
    const steps = recordingSteps(dataDir.clock);
    const controller = new AbortController();
    steps.ingestInbox = async () => {
      controller.abort();
      await sleep(200);
      return { files: 0 };
    };
    const result = await runScheduler(options(dataDir, steps, { mode: 'foreground', signal: controller.signal }));
    expect(result.outcome).toBe('ok');
    expect(result.reports[0]?.stopped).toBe(true);
    expect(result.reports[0]?.outcomes.map((outcome) => `${outcome.job} ${outcome.status}`)).toEqual(['poll-inbox succeeded']);
    expect(dataDir.logLines().some((line) => line.msg === 'scheduler running')).toBe(false);
  });
});

describe('the istv jobs and istv run commands', () => {
  it('refuse a second scheduler naming the first, and stop cleanly on SIGTERM', async () => {
    const { sampleSetup, repoRoot } = await import('../pipeline/sample-area.ts');
    const setup = sampleSetup({ schedule: { publish: { enabled: false } } });
    const cli = path.join(repoRoot, 'bin', 'istv.js');
    const jobs = spawn(process.execPath, [cli, 'jobs', '--config', setup.configFile], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let jobsLog = '';
    const running = new Promise<void>((resolve, reject) => {
      jobs.stderr.on('data', (chunk) => {
        jobsLog += chunk;
        if (jobsLog.includes('scheduler running')) resolve();
      });
      jobs.on('close', (code) => reject(new Error(`istv jobs exited early (${code}): ${jobsLog}`)));
    });
    const exited = new Promise<number | null>((resolve) => jobs.on('close', (code) => resolve(code)));
    try {
      await running;
      const second = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, 'run', '--once', '--config', setup.configFile], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(second.code).toBe(EXIT.locked);
      expect(second.stderr).toContain(`Another istv scheduler holds the lock`);
      expect(second.stderr).toContain(`pid ${jobs.pid} on ${os.hostname()}`);
      jobs.kill('SIGTERM');
      expect(await exited).toBe(EXIT.ok);
      expect(jobsLog).toContain('scheduler stopped');
      expect(existsSync(path.join(setup.config.dataDir, 'scheduler.lock'))).toBe(false);
    } finally {
      jobs.kill('SIGKILL');
    }
  });
});
