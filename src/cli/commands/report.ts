import type { Command } from 'commander';
import { isMonth } from '../../aggregate/months.ts';
import { readGeoJsonFile } from '../../geocode/gazetteer/read-lsoas.ts';
import { publicationCounts, publishMonth, publishRefusal, storeCoverage } from '../../report/publish.ts';
import { recordManualPublication } from '../../store/publications.ts';
import { action, printResult, withCommonOptions, withContext, type CommonOptions } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

interface ReportOptions extends CommonOptions {
  month: string;
  revised?: boolean;
  boundaries?: string;
  pdf: boolean;
  allowPartial?: boolean;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('report')
      .description('Publish the report packs of one month under reports/YYYY-MM/<audience>/ (police, licensing, public-health, hospital, core), all at once or not at all.')
      .requiredOption('-m, --month <YYYY-MM>', 'the month to publish')
      .option('--revised', 'mark the packs "Revised" (the month was published before and its data changed)')
      .option('--boundaries <file>', 'LSOA boundaries as GeoJSON (default: the LSOAs of the configured gazetteer)')
      .option('--no-pdf', 'skip the PDFs (they need Chromium: Debian package "chromium")')
      .option('--allow-partial', "publish a month that lacks an expected site's extract (missing or refused), marked partial and naming the missing sites"),
  ).action(
    action<ReportOptions>(async (options) => {
      if (!isMonth(options.month)) {
        process.stderr.write(`istv: --month expects YYYY-MM, got: ${JSON.stringify(options.month)}\n`);
        return EXIT.usage;
      }
      return withContext(options, async (context) => {
        // Refused before anything is written: a future month, a month with no extract, or (without --allow-partial) a partial one.
        const refusal = publishRefusal(storeCoverage(context), options.month, options.allowPartial ? 'allow' : 'refuse');
        if (refusal) {
          process.stderr.write(`istv: not published: ${refusal.message}\n`);
          return refusal.kind === 'future' ? EXIT.usage : EXIT.partial;
        }
        const summary = await publishMonth(context, options.month, {
          partial: options.allowPartial ? 'allow' : 'refuse',
          revised: options.revised === true,
          ...(options.boundaries ? { lsoaBoundaries: readGeoJsonFile(options.boundaries) } : {}),
          pdf: options.pdf ? 'if-available' : 'skip',
        });
        // In the publication history beside the scheduler's own, so the record of what was issued is whole.
        const revision = recordManualPublication(context.store, {
          month: summary.month,
          revised: summary.revised,
          publishedAt: context.now(),
          summary: publicationCounts(summary),
        });
        printResult(options, { ...summary, revision }, () =>
          [
            `Published ${summary.month}${summary.revised ? ' (revised)' : ''} in ${summary.directory} (edition ${revision} in the publication history)`,
            ...summary.audiences.map((entry) => `  ${entry.audience.padEnd(14)} ${String(entry.files.length).padStart(4)} files, ${entry.tables} tables`),
            summary.pdfSkippedReason ? `  PDFs skipped: ${summary.pdfSkippedReason}` : `  ${summary.pdfs} PDFs`,
            ...(summary.missingSites.length > 0 ? [`  PARTIAL: marked as such in every pack; missing ${summary.missingSites.map((site) => `${site.siteName} (${site.siteCode}) ${site.state}`).join('; ')}`] : []),
          ].join('\n'),
        );
        return EXIT.ok;
      });
    }),
  );
}
