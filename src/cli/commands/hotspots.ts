import type { Command } from 'commander';
import { hotspotsFile } from '../../pipeline/hotspots-file.ts';
import { action } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

interface HotspotsOptions {
  lsoa: string;
  in: string;
  out: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('hotspots')
    .description(
      'Getis-Ord Gi* hotspots on LSOA counts: queen contiguity on the polygons (the LSOA itself included, binary weights), two-sided p, Benjamini-Hochberg adjusted; hotspot hot_99/hot_95/hot_90/cold_99/cold_95/cold_90/none from the adjusted p at 0.01/0.05/0.10.',
    )
    .requiredOption('--lsoa <geojson>', 'LSOA polygons (LSOA21CD, LSOA11CD, lsoa_code or code property)')
    .requiredOption('--in <csv>', 'counts: lsoa_code,count (LSOAs not listed count as 0)')
    .requiredOption('--out <csv>', 'writes lsoa_code,count,gi_star_z,p_value,p_adjusted,hotspot')
    .option('--json', 'print a JSON result on stdout for scripts')
    .action(
      action<HotspotsOptions>(async (options) => {
        const summary = hotspotsFile(options.lsoa, options.in, options.out);
        if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else {
          const classes = Object.entries(summary.classes).map(([name, n]) => `${name} ${n}`).join(', ');
          const missing = summary.missingFromCounts > 0 ? ` (${summary.missingFromCounts} LSOAs not in the counts were taken as 0)` : '';
          process.stdout.write(`${summary.areas} LSOAs written to ${options.out}: ${classes}${missing}\n`);
        }
        return EXIT.ok;
      }),
    );
}
