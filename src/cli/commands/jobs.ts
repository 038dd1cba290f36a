import type { Command } from 'commander';
import { runSchedulerFromCommand } from '../../../jobs/run.ts';
import { EXIT } from '../exit-codes.ts';
import { action, withCommonOptions, withContext, type CommonOptions } from '../base.ts';

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('jobs')
      .description(
        'Run the scheduler in the foreground (for systemd or a terminal): catch up at start, then run each job on its cron schedule (config "schedule", Europe/London). ' +
          'SIGINT/SIGTERM stop it after the step in hand (exit 0); a second signal exits at once (130). Exit 5 if another scheduler holds the data dir.',
      ),
  ).action(
    action<CommonOptions>(async (options) =>
      withContext(options, async (context) => {
        const result = await runSchedulerFromCommand(context, 'foreground');
        if (result.lockedBy) process.stderr.write(`istv: ${result.lockedBy.message}\n`);
        return EXIT[result.outcome];
      }),
    ),
  );
}
