/**
 * The node-cron side of `istv jobs`: one task per enabled job, in the configured
 * time zone. A task's tick only wakes the scheduler; which jobs run is decided
 * by the scheduler from the run state, so a tick that falls while a step is still
 * running is skipped (and logged) without losing anything.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../src/log.ts';
import type { Scheduler } from '../src/schedule/scheduler.ts';

export interface CronTasks {
  tasks: ScheduledTask[];
  start(): void;
  /** Stops every task (no more ticks) and removes it from node-cron's registry. */
  destroy(): Promise<void>;
}

/** node-cron's own warnings (missed executions after a suspend, for instance) go to the istv log. */
function cronLogger(logger: Logger) {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  return {
    info: (message: string) => logger.info({ source: 'node-cron' }, message),
    warn: (message: string) => logger.warn({ source: 'node-cron' }, message),
    error: (message: string | Error) => logger.error({ source: 'node-cron' }, text(message)),
    debug: (message: string | Error) => logger.debug({ source: 'node-cron' }, text(message)),
  };
}

/** Creates the tasks stopped; `start()` arms them. */
export function createCronTasks(scheduler: Scheduler, timezone: string, logger: Logger): CronTasks {
  const tasks = scheduler.definitions
    .filter((definition) => definition.enabled)
    .map((definition) =>
      cron.createTask(
        definition.expression,
        () => {
          // Not awaited: node-cron's own overlap handling would otherwise swallow the
          // tick silently; the scheduler refuses overlap itself and logs it.
          scheduler.tick(definition.name)?.catch((error: unknown) => logger.error({ job: definition.name, error: String(error) }, 'cycle failed'));
        },
        { name: `istv ${definition.name}`, timezone, logger: cronLogger(logger) },
      ),
    );
  return {
    tasks,
    start: () => {
      for (const task of tasks) void task.start();
    },
    destroy: async () => {
      for (const task of tasks) await task.destroy();
    },
  };
}
