import type { Command } from 'commander';
import { ingestInbox } from '../../pipeline/ingest.ts';
import { action, printResult, withCommonOptions, withContext, type CommonOptions } from '../base.ts';
import { EXIT } from '../exit-codes.ts';
import { formatIngestSummary } from '../format-ingest.ts';

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('ingest')
      .argument('[files...]', 'extract files to ingest now (default: every file in the inbox)')
      .description('Claim, validate, de-identify, geocode and store extracts. Every row is accepted or rejected with a reason.'),
  ).action(
    action<CommonOptions>(async (options, command) =>
      withContext(options, async (context) => {
        const files = command.args.length > 0 ? command.args : undefined;
        const summary = await ingestInbox(context, { files });
        printResult(options, summary, () => formatIngestSummary(summary));
        if (summary.failed.length > 0) return EXIT.failure;
        return summary.totals.quarantined > 0 ? EXIT.partial : EXIT.ok;
      }),
    ),
  );
}
