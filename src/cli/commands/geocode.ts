import type { Command } from 'commander';
import { loadGazetteer } from '../../geocode/gazetteer/load.ts';
import { createGeocoder } from '../../geocode/geocoder.ts';
import { geocodeCsvFile } from '../../geocode/geocode-csv.ts';
import { action } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

interface GeocodeOptions {
  gazetteer: string;
  in: string;
  out: string;
  site?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('geocode')
    .description('Geocode a CSV with a "location" column (and optional "site_code"); adds outcome, matched_name, latitude, longitude, lsoa_code, ward_code, confidence, method and, for ambiguous answers, the competing candidates.')
    .requiredOption('--gazetteer <file>', 'gazetteer built by `istv gazetteer build`')
    .requiredOption('--in <csv>', 'CSV to read')
    .requiredOption('--out <csv>', 'CSV to write')
    .option('--site <code>', 'ED site code for rows without a site_code')
    .option('--json', 'print a JSON result on stdout for scripts')
    .action(
      action<GeocodeOptions>(async (options) => {
        const gazetteer = loadGazetteer(options.gazetteer);
        const summary = geocodeCsvFile(createGeocoder(gazetteer), options.in, options.out, { site: options.site });
        if (options.json) process.stdout.write(`${JSON.stringify({ ...summary, out: options.out, gazetteerVersion: gazetteer.version }, null, 2)}\n`);
        else {
          const counts = Object.entries(summary.outcomes).map(([outcome, n]) => `${outcome} ${n}`).join(', ');
          process.stdout.write(`${summary.rows} rows geocoded to ${options.out} (gazetteer ${gazetteer.version}): ${counts}\n`);
        }
        return EXIT.ok;
      }),
    );
}
