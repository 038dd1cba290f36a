/**
 * The istv command line. Each command lives in ./commands/<name>.ts and exports
 * `register(program)`; this file lists them and loads only the one being run, so
 * that `istv --help` (and each command) starts without loading the whole of istv
 * (zod, SQLite, the geocoder, the report renderers).
 */
import { Command, CommanderError } from 'commander';
import { EXIT, lastExit } from './exit-codes.ts';

export interface CommandEntry {
  /** The word typed after `istv`. */
  name: string;
  /** One line for the command list of `istv --help`; the command's own file holds its full description and options. */
  summary: string;
  load(): Promise<{ register(program: Command): void }>;
}

/**
 * Every command, in the order `istv --help` lists them. To add one: write
 * ./commands/<name>.ts exporting `register(program)` and add a line here.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'ingest', summary: 'Claim, validate, de-identify, geocode and store extracts.', load: () => import('./commands/ingest.ts') },
  { name: 'status', summary: 'What the store holds: extracts and counts per site and month, refused files, last runs.', load: () => import('./commands/status.ts') },
  { name: 'report', summary: 'Publish the report packs of one month, all at once or not at all.', load: () => import('./commands/report.ts') },
  { name: 'run', summary: 'Run the scheduled jobs once, catching up whatever was missed.', load: () => import('./commands/run.ts') },
  { name: 'jobs', summary: 'Run the scheduler in the foreground (systemd or a terminal).', load: () => import('./commands/jobs.ts') },
  { name: 'demo', summary: 'Run the whole monthly flow over the bundled sample area into a fresh data dir.', load: () => import('./commands/demo.ts') },
  { name: 'gazetteer', summary: 'Build the gazetteer the geocoder reads from open data.', load: () => import('./commands/gazetteer.ts') },
  { name: 'geocode', summary: 'Geocode an ad-hoc CSV with a "location" column.', load: () => import('./commands/geocode.ts') },
  { name: 'regeocode', summary: 'After the gazetteer changes: geocode every stored location again.', load: () => import('./commands/regeocode.ts') },
  { name: 'keygen', summary: 'Create a pseudonym key file for repeat-attendance keys.', load: () => import('./commands/keygen.ts') },
  { name: 'police', summary: 'Import police.uk street-level crime (CSVs or zipped months) beside the ED data.', load: () => import('./commands/police.ts') },
  { name: 'hotspots', summary: 'Getis-Ord Gi* hotspots on LSOA counts: lsoa_code,count in, z, p and class out.', load: () => import('./commands/hotspots.ts') },
];

/** The command an argument list asks for (`istv help NAME` asks for NAME's help), or null. */
export function requestedCommand(argv: readonly string[]): string | null {
  const words = argv.slice(2).filter((word) => !word.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name ?? null;
}

/**
 * The program with every command listed, and the one `argv` asks for loaded in
 * full (all of them when `argv` is not given, e.g. for documentation or tests).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('istv')
    .description('Cardiff Model violence-prevention pipeline: ED assault extracts in, de-identified and geocoded records, and disclosure-controlled reports out.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const wanted = argv === undefined ? undefined : requestedCommand(argv);
  for (const entry of COMMANDS) {
    if (wanted === undefined || entry.name === wanted) (await entry.load()).register(program);
    else program.command(entry.name).summary(entry.summary);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  lastExit.code = EXIT.ok;
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return lastExit.code;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv);
}
