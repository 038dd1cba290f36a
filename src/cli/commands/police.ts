import type { Command } from 'commander';
import { importPoliceFiles, policeAreaFromGazetteer, type PoliceImportSummary } from '../../pipeline/police-import.ts';
import { action, printResult, withCommonOptions, withContext, type CommonOptions } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

interface PoliceImportOptions extends CommonOptions {
  crimeType?: string[];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function formatPoliceImport(summary: PoliceImportSummary): string {
  const lines = summary.files.map((file) => `imported  ${file.file}  read ${file.rowsRead}, kept ${file.rowsKept}; months ${file.months.length > 0 ? `${file.months[0]} to ${file.months.at(-1)}` : 'none'}`);
  for (const refusal of summary.refused ?? []) lines.push(`refused   ${refusal.file}\n          ${refusal.reason}`);
  lines.push('', `rows read ${summary.totals.rowsRead} = kept ${summary.totals.rowsKept} + not kept ${summary.totals.rowsRead - summary.totals.rowsKept}`);
  for (const [reason, n] of Object.entries(summary.dropped ?? {})) lines.push(`  ${String(n).padStart(7)}  ${reason}`);
  for (const problem of (summary.rowProblems ?? []).slice(0, 20)) lines.push(`  ${problem.file} line ${problem.line} (${problem.field}): ${problem.message}`);
  for (const entry of summary.replaced ?? []) lines.push(`replaced the earlier import of ${entry.force} ${entry.month}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  const police = program.command('police').description('Police recorded crime beside the ED data.');
  withCommonOptions(
    police
      .command('import')
      .argument('<files...>', 'police.uk street-level CSVs, zipped monthly archives of them, or a force extract read through a configured column mapping')
      .option('--crime-type <type>', 'crime type to keep (repeat for several; default: the config\'s police.crimeTypes, else "Violence and sexual offences")', collect)
      .description('Import police street-level crimes: rows whose LSOA is in the gazetteer and whose crime type is kept. A month imported again for a force replaces the earlier import.'),
  ).action(
    action<PoliceImportOptions>(async (options, command) =>
      withContext(options, async (context) => {
        const area = policeAreaFromGazetteer(context.config.gazetteer);
        const settings = context.config.police;
        const summary = await importPoliceFiles(context.store, command.args, area, {
          crimeTypes: options.crimeType ?? settings?.crimeTypes,
          columnMappings: settings?.columnMappings ?? [],
          now: context.now,
        });
        context.logger.info({ files: summary.files.length, rowsRead: summary.totals.rowsRead, rowsKept: summary.totals.rowsKept, refused: summary.refused?.length ?? 0 }, 'Police data imported');
        for (const refusal of summary.refused ?? []) context.logger.warn({ file: refusal.file }, `Police file refused: ${refusal.reason}`);
        printResult(options, summary, () => formatPoliceImport(summary));
        return (summary.refused?.length ?? 0) > 0 ? EXIT.partial : EXIT.ok;
      }),
    ),
  );
}
