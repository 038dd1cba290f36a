/**
 * The istv command line. Each command lives in ./commands/<name>.ts and exports
 * `register(program)`; this file only puts them together.
 */
import { Command, CommanderError } from 'commander';
import { lastExit } from './base.ts';
import { EXIT } from './exit-codes.ts';
import * as ingestCommand from './commands/ingest.ts';
import * as statusCommand from './commands/status.ts';
import * as runCommand from './commands/run.ts';
import * as jobsCommand from './commands/jobs.ts';
import * as reportCommand from './commands/report.ts';
import * as demoCommand from './commands/demo.ts';
import * as regeocodeCommand from './commands/regeocode.ts';
import * as keygenCommand from './commands/keygen.ts';
import * as gazetteerCommand from './commands/gazetteer.ts';
import * as geocodeCommand from './commands/geocode.ts';

/** Every command, in the order `istv --help` lists them. */
const COMMANDS: Array<{ register(program: Command): void }> = [ingestCommand, statusCommand, reportCommand, runCommand, jobsCommand, demoCommand, gazetteerCommand, geocodeCommand, regeocodeCommand, keygenCommand];

export function buildProgram(): Command {
  const program = new Command('istv')
    .description('Cardiff Model violence-prevention pipeline: ED assault extracts in, de-identified and geocoded records, and disclosure-controlled reports out.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const command of COMMANDS) command.register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // Everything istv writes (store, WAL, logs, packs, claimed extracts) is for the istv account only, whatever umask it was started with.
  process.umask(0o077);
  const program = buildProgram();
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
