/**
 * The one code path behind `istv run --once` and `istv jobs`: take the data
 * dir's scheduler lock, note runs a crash left behind, run every due step
 * (catching up whatever was missed), and then either exit (`once`) or keep
 * running the cron tasks until asked to stop (`foreground`). Stopping always
 * lets the step in hand finish; the rest is picked up by the next start.
 */
import type { ScheduleConfig } from '../src/config/schedule.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import type { ExpectingSite } from '../src/schedule/late-extracts.ts';
import { acquireSchedulerLock, SchedulerLockedError, schedulerLockPath, type SchedulerLock } from '../src/schedule/lock.ts';
import { tryAcquireLock, type HeldLock } from '../src/store/locks.ts';
import { markInterruptedRuns } from '../src/store/runs.ts';
import { Scheduler, type CycleReport, type SchedulerSteps } from '../src/schedule/scheduler.ts';
import { createCronTasks } from './cron-tasks.ts';
import { pipelineSteps } from './pipeline-steps.ts';

export interface RunSchedulerOptions {
  context: PipelineContext;
  steps: SchedulerSteps;
  config: ScheduleConfig;
  sites: ExpectingSite[];
  mode: 'once' | 'foreground';
  /** Aborted on SIGINT/SIGTERM: finish the step in hand, then stop. */
  signal?: AbortSignal;
  /** Recorded in the lock so that a refused second scheduler can say who holds it. */
  command?: string;
  /** Called once the first cycle is over (tests use it to know the scheduler is waiting on cron). */
  onCycle?: (report: CycleReport) => void;
}

/**
 * How a run ended, for the CLI to turn into its exit code (the names are those
 * of src/cli/exit-codes.ts): `ok`, every due step done; `partial`, a step or a
 * month failed or input was refused (the others ran; the failed work is retried
 * later); `locked`, another scheduler holds the data dir.
 */
export type SchedulerOutcome = 'ok' | 'partial' | 'locked';

/** Partial when a step failed, or refused input (a quarantined file), as `istv ingest` reports it. */
function outcomeOf(reports: CycleReport[]): SchedulerOutcome {
  const outcomes = reports.flatMap((report) => report.outcomes);
  const partial = outcomes.some((outcome) => outcome.status === 'failed' || (typeof outcome.summary.quarantined === 'number' && outcome.summary.quarantined > 0));
  return partial ? 'partial' : 'ok';
}

function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export interface RunSchedulerResult {
  /** For `foreground`, `ok` after a clean stop: failed steps are logged and retried, and only the stop matters to the supervisor. */
  outcome: SchedulerOutcome;
  /** The cycles run (for `foreground`, only the first: the rest are in the log). */
  reports: CycleReport[];
  /** Who held the lock, when refused. */
  lockedBy: SchedulerLockedError | null;
}

export async function runScheduler(options: RunSchedulerOptions): Promise<RunSchedulerResult> {
  const { context, mode, signal } = options;
  const logger = context.logger.child({ scheduler: mode });
  let lock: SchedulerLock;
  try {
    lock = acquireSchedulerLock(schedulerLockPath(context.dataDir.root), { command: options.command ?? `istv ${mode === 'once' ? 'run --once' : 'jobs'}`, now: context.now });
  } catch (error) {
    if (!(error instanceof SchedulerLockedError)) throw error;
    logger.error({ holder: error.holder }, error.message);
    return { outcome: 'locked', reports: [], lockedBy: error };
  }
  // The file lock is for people and scripts to read; the row in the store is the
  // authority, so that deleting the file cannot let a second scheduler run.
  const row = tryAcquireLock(context.store, 'scheduler', lock.holder.command, context.now());
  if (!row.acquired) {
    lock.release();
    const error = new SchedulerLockedError(schedulerLockPath(context.dataDir.root), row.holder);
    logger.error({ holder: row.holder }, error.message);
    return { outcome: 'locked', reports: [], lockedBy: error };
  }
  const schedulerRow: HeldLock = row.lock;
  if (lock.tookOverFrom) {
    const { pid, host, startedAt, command } = lock.tookOverFrom;
    logger.warn({ staleHolder: { pid, host, startedAt, command }, reason: lock.tookOverBecause }, 'took over a stale scheduler lock');
  }
  const scheduler: Scheduler = new Scheduler({ context, steps: guardedSteps(options.steps, schedulerRow, () => scheduler.requestStop(), logger), config: options.config, sites: options.sites });
  const onAbort = () => {
    logger.info('stop requested: finishing the step in hand');
    scheduler.requestStop();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const reports: CycleReport[] = [];
  try {
    const interrupted = markInterruptedRuns(context.store, context.now());
    if (interrupted > 0) logger.warn({ interrupted }, 'runs interrupted by an earlier crash; their work is redone');

    const first = await scheduler.tick(mode === 'once' ? 'once' : 'start');
    if (first) {
      reports.push(first);
      options.onCycle?.(first);
    }
    if (mode === 'foreground' && !signal?.aborted) {
      const cronTasks = createCronTasks(scheduler, options.config.timezone, context.logger);
      cronTasks.start();
      logger.info({ jobs: scheduler.definitions.filter((job) => job.enabled).map((job) => `${job.name} (${job.expression})`), timezone: options.config.timezone }, 'scheduler running');
      await whenAborted(signal);
      await cronTasks.destroy();
      await scheduler.idle();
      logger.info('scheduler stopped');
      // A failed step in foreground mode is logged and retried; only the exit of a clean stop matters to the supervisor.
      return { outcome: 'ok', reports, lockedBy: null };
    }
    return { outcome: outcomeOf(reports), reports, lockedBy: null };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await scheduler.idle();
    scheduler.dispose();
    schedulerRow.release();
    lock.release();
  }
}

/**
 * The steps, each first checking that this scheduler still holds its lock: a
 * scheduler that finds its row taken (it was judged gone) stops rather than run
 * beside the new holder.
 */
function guardedSteps(steps: SchedulerSteps, lock: HeldLock, stop: () => void, logger: PipelineContext['logger']): SchedulerSteps {
  const check = () => {
    if (lock.stillHeld()) return;
    stop();
    logger.error('this scheduler no longer holds the data dir lock: stopping');
    throw new Error('the scheduler lock was taken over by another process; this scheduler stops');
  };
  return {
    filesWaiting: (context) => steps.filesWaiting(context),
    ingestInbox: async (context) => (check(), steps.ingestInbox(context)),
    publishMonth: async (context, month, publishOptions) => (check(), steps.publishMonth(context, month, publishOptions)),
    purgeArchive: async (context) => (check(), steps.purgeArchive(context)),
  };
}

/**
 * `runScheduler` for a command: the real pipeline steps and the config's
 * schedule and sites, stopped cleanly by SIGINT or SIGTERM. A second signal
 * exits at once (exit 130): every step is crash-safe, so nothing is lost but time.
 */
export async function runSchedulerFromCommand(context: PipelineContext, mode: 'once' | 'foreground'): Promise<RunSchedulerResult> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      context.logger.warn({ signal }, 'second signal: exiting without finishing the step in hand');
      process.exit(130);
    }
    context.logger.info({ signal }, 'signal received');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runScheduler({
      context,
      steps: pipelineSteps,
      config: context.config.schedule,
      sites: context.config.sites.map((site) => ({ code: site.code, extractDueDay: site.extractDueDay })),
      mode,
      signal: controller.signal,
      command: mode === 'once' ? 'istv run --once' : 'istv jobs',
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** One line per job run, for the terminal. */
export function formatCycleReports(reports: CycleReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.outcomes.length === 0) lines.push('Nothing was due.');
    for (const outcome of report.outcomes) {
      const counts = Object.entries(outcome.summary)
        .map(([key, value]) => `${key} ${String(value)}`)
        .join(', ');
      lines.push(`${outcome.job.padEnd(20)} ${outcome.status.padEnd(9)} ${String(outcome.durationMs).padStart(7)} ms  ${counts}${outcome.error ? `\n${' '.repeat(21)}${outcome.error}` : ''}`);
    }
    if (report.stopped) lines.push('Stopped before every due job ran; the rest run at the next start.');
  }
  return lines.join('\n');
}
