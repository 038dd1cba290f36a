import type { Command } from 'commander';
import { buildGazetteer, populationWarnings, writeGazetteer } from '../../geocode/gazetteer/build.ts';
import { parseColumnMapping } from '../../geocode/gazetteer/csv.ts';
import { action } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

interface BuildOptions {
  out: string;
  lsoa: string[];
  postcodes: string[];
  premises: string[];
  streets: string[];
  policeStreets: string[];
  landmarks: string[];
  areas: string[];
  openNames: string[];
  sites: string[];
  aliases: string[];
  population: string[];
  postcodeColumns?: string;
  premisesColumns?: string;
  json?: boolean;
}

const repeatable = (value: string, previous: string[]): string[] => [...previous, value];

export function register(program: Command): void {
  const gazetteer = program.command('gazetteer').description('Build the gazetteer the geocoder reads: LSOAs, postcodes, premises, streets, landmarks, areas and EDs in one file.');
  gazetteer
    .command('build')
    .description('Build one gazetteer file from open data (ONS LSOA GeoJSON; postcode CSV, Code-Point Open or ONSPD; GeoJSON, FSA or licence-register premises; OS Open Names).')
    .requiredOption('--out <file>', 'gazetteer file to write (JSON)')
    .option('--lsoa <geojson>', 'ONS LSOA boundaries, 2011 or 2021 (repeatable)', repeatable, [])
    .option('--postcodes <csv>', 'postcode points: postcode,latitude,longitude / Code-Point Open / ONSPD (repeatable)', repeatable, [])
    .option('--premises <file>', 'premises: GeoJSON points, FSA food hygiene CSV, or licence register CSV (repeatable)', repeatable, [])
    .option('--streets <geojson>', 'streets as GeoJSON lines or points with a name; later files only fill gaps (repeatable)', repeatable, [])
    .option('--landmarks <geojson>', 'stations, schools, parks, places as GeoJSON with a name (repeatable)', repeatable, [])
    .option('--areas <geojson>', 'named districts and estates as GeoJSON with a name (repeatable)', repeatable, [])
    .option('--open-names <csv>', 'OS Open Names CSV, with or without its header (repeatable)', repeatable, [])
    .option('--police-streets <csv>', 'police.uk street-level crime CSV: the street names of its map points fill gaps in the street list (repeatable)', repeatable, [])
    .option('--sites <csv>', 'EDs: site_code,name,longitude,latitude[,borough] (repeatable)', repeatable, [])
    .option('--aliases <csv>', "this area's local names for its places: alias,place_name[,kind] (repeatable)", repeatable, [])
    .option('--population <csv>', 'residents by LSOA: ONS mid-year estimates (one row per LSOA) or Census 2021 usual residents (long, by age group: summed) (repeatable)', repeatable, [])
    .option('--postcode-columns <mapping>', 'postcode CSV column mapping, e.g. postcode=pcds,easting=oseast1m,northing=osnrth1m')
    .option('--premises-columns <mapping>', 'licence register column mapping, e.g. "name=Premises Name,postcode=Post Code,category=Licence Type"')
    .option('--json', 'print a JSON result on stdout for scripts')
    .action(
      action<BuildOptions>(async (options) => {
        if (options.lsoa.length === 0) throw new Error('--lsoa is required: the gazetteer needs LSOA boundaries');
        const built = buildGazetteer({
          lsoa: options.lsoa,
          postcodes: options.postcodes,
          premises: options.premises,
          streets: options.streets,
          landmarks: options.landmarks,
          areas: options.areas,
          openNames: options.openNames,
          policeStreets: options.policeStreets,
          sites: options.sites,
          aliases: options.aliases,
          population: options.population,
          postcodeColumns: parseColumnMapping(options.postcodeColumns),
          premisesColumns: parseColumnMapping(options.premisesColumns),
        });
        writeGazetteer(options.out, built);
        // Said on stderr whether or not --json: a gazetteer without population gives counts where rates were expected.
        for (const warning of populationWarnings(built)) process.stderr.write(`Warning: ${warning}\n`);
        const summary = { out: options.out, version: built.version, lsoas: built.lsoas.length, postcodes: built.postcodes.length, places: built.places.length, sites: built.sites.length, sources: built.sources };
        if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else {
          const lines = [`Gazetteer ${built.version} written to ${options.out}`, `  ${summary.lsoas} LSOAs, ${summary.postcodes} postcodes, ${summary.places} places, ${summary.sites} sites`];
          for (const source of built.sources) lines.push(`  ${source.role.padEnd(10)} ${source.file}: ${source.records} read, ${source.skipped} skipped (${source.format})`);
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        return EXIT.ok;
      }),
    );
}
