import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createGeocoder } from '../../geocode/geocoder.ts';
import { publishMonth } from '../../report/publish.ts';
import { loadConfiguredGazetteer } from '../../pipeline/stages.ts';
import { regeocodeStore } from '../../store/regeocode.ts';
import { action, printResult, withCommonOptions, withContext, type CommonOptions } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

interface RegeocodeOptions extends CommonOptions {
  republish?: boolean;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('regeocode')
      .description('After the gazetteer changes: answer every stored location again from its stored (allow-listed) text, in one transaction, and list the months whose records changed.')
      .option('--republish', 'republish, marked revised, every changed month that already has packs'),
  ).action(
    action<RegeocodeOptions>(async (options) =>
      withContext(options, async (context) => {
        const gazetteer = loadConfiguredGazetteer(context);
        const geocoder = createGeocoder(gazetteer, { sites: context.config.sites });
        const summary = regeocodeStore(context.store, geocoder, (longitude, latitude) => {
          const lsoa = gazetteer.lsoaAt(longitude, latitude);
          return lsoa ? { lsoaCode: lsoa.code, wardCode: lsoa.wardCode } : null;
        });
        context.logger.info({ ...summary }, 're-geocoded the store');
        const republished: string[] = [];
        if (options.republish) {
          for (const month of summary.monthsChanged) {
            if (!existsSync(path.join(context.dataDir.reports, month))) continue;
            await publishMonth(context, month, { revised: true });
            republished.push(month);
          }
        }
        printResult(options, { ...summary, republished }, () => {
          const moves = Object.entries(summary.outcomeChanges).map(([move, n]) => `  ${move}: ${n}`);
          return [
            `Checked ${summary.recordsChecked} records against gazetteer ${summary.gazetteerVersion}; ${summary.recordsChanged} changed.`,
            ...moves,
            summary.monthsChanged.length > 0 ? `Months changed: ${summary.monthsChanged.join(', ')}` : 'No month changed.',
            republished.length > 0 ? `Republished (revised): ${republished.join(', ')}` : summary.monthsChanged.length > 0 && !options.republish ? 'Run with --republish (or let the scheduler) to bring their packs up to date.' : '',
          ].filter(Boolean).join('\n');
        });
        return EXIT.ok;
      }),
    ),
  );
}
