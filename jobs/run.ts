/**
 * The one code path behind `istv run --once` and `istv jobs`: take the data
 * dir's scheduler lock, note runs a crash left behind, run every due step
 * (catching up whatever was missed), and then either exit (`once`) or keep
 * running the cron tasks until asked to stop (`foreground`). Stopping always
 * lets the step in hand finish; the rest is picked up by the next start.
 */
import type { ScheduleConfig } from '../src/config/schedule.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { EXIT, type ExitCode } from '../src/cli/exit-codes.ts';
import type { ExpectingSite } from '../src/schedule/late-extracts.ts';
import { acquireSchedulerLock, SchedulerLockedError, schedulerLockPath, type SchedulerLock } from '../src/schedule/lock.ts';
import { markInterruptedRuns } from '../src/schedule/run-state.ts';
import { Scheduler, type CycleReport, type SchedulerSteps } from '../src/schedule/scheduler.ts';
import { createCronTasks } from './cron-tasks.ts';

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

function exitCodeOf(reports: CycleReport[]): ExitCode {
  const failed = reports.some((report) => report.outcomes.some((outcome) => outcome.status === 'failed'));
  return failed ? EXIT.partial : EXIT.ok;
}

function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Returns the process exit code: EXIT.ok when every due step succeeded (and for
 * `foreground` after a clean stop), EXIT.partial when a step or a month failed
 * (the others ran; the failed work is retried later), EXIT.locked when another
 * scheduler holds the data dir.
 */
export async function runScheduler(options: RunSchedulerOptions): Promise<ExitCode> {
  const { context, mode, signal } = options;
  const logger = context.logger.child({ scheduler: mode });
  let lock: SchedulerLock;
  try {
    lock = acquireSchedulerLock(schedulerLockPath(context.dataDir.root), { command: options.command ?? `istv ${mode === 'once' ? 'run --once' : 'jobs'}`, now: context.now });
  } catch (error) {
    if (!(error instanceof SchedulerLockedError)) throw error;
    logger.error({ holder: error.holder }, error.message);
    return EXIT.locked;
  }
  if (lock.tookOverFrom) {
    const { pid, host, startedAt, command } = lock.tookOverFrom;
    logger.warn({ staleHolder: { pid, host, startedAt, command } }, 'took over a stale scheduler lock');
  }
  const scheduler = new Scheduler({ context, steps: options.steps, config: options.config, sites: options.sites });
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
      return EXIT.ok;
    }
    return exitCodeOf(reports);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await scheduler.idle();
    scheduler.dispose();
    lock.release();
  }
}
