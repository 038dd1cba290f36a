import type { Command } from 'commander';
import { formatCycleReports, runSchedulerFromCommand } from '../../../jobs/run.ts';
import { EXIT } from '../exit-codes.ts';
import { action, printResult, withCommonOptions, withContext, type CommonOptions } from '../base.ts';

interface RunOptions extends CommonOptions {
  once: boolean;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('run')
      .requiredOption('--once', 'run every due step now, then exit')
      .description(
        'Run the scheduled jobs once: ingest the inbox, check for late extracts, publish (or republish) every month due, purge the archive; ' +
          'catches up whatever was missed. Exit 0 all done, 4 a step failed (the others ran), 5 another scheduler holds the data dir.',
      ),
  ).action(
    action<RunOptions>(async (options) =>
      withContext(options, async (context) => {
        const result = await runSchedulerFromCommand(context, 'once');
        if (result.lockedBy) {
          process.stderr.write(`istv: ${result.lockedBy.message}\n`);
          return EXIT[result.outcome];
        }
        printResult(options, { exitCode: EXIT[result.outcome], cycles: result.reports }, () => formatCycleReports(result.reports));
        return EXIT[result.outcome];
      }),
    ),
  );
}
