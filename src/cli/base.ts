/**
 * What every istv command shares: the common options (--config, --data-dir,
 * --json, --log-level), loading and validating the config, opening the pipeline
 * context, and turning errors into messages and exit codes. Each command is a
 * short file in ./commands that registers itself with `defineCommand`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, loadConfig, type LoadedConfig } from '../config/load.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../pipeline/context.ts';
import { EXIT, lastExit, type ExitCode } from './exit-codes.ts';

export interface CommonOptions {
  config?: string;
  dataDir?: string;
  json?: boolean;
  logLevel?: string;
}

/** Where the config comes from when --config is not given. */
export const DEFAULT_CONFIG_FILE = 'istv.config.json';

/** Adds --config, --data-dir, --json and --log-level to a command. */
export function withCommonOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', `config file (default: $ISTV_CONFIG or ./${DEFAULT_CONFIG_FILE})`)
    .option('-d, --data-dir <dir>', 'data dir: everything istv writes lives here (overrides the config)')
    .option('--json', 'print a JSON result on stdout for scripts')
    .option('--log-level <level>', 'pino log level: fatal, error, warn, info, debug, trace');
}

export function resolveConfig(options: CommonOptions): LoadedConfig {
  const file = options.config ?? process.env.ISTV_CONFIG ?? DEFAULT_CONFIG_FILE;
  if (!options.config && !process.env.ISTV_CONFIG && !existsSync(file)) {
    throw new ConfigError(path.resolve(file), [`no config file: pass --config FILE, set ISTV_CONFIG, or create ./${DEFAULT_CONFIG_FILE}`]);
  }
  const config = loadConfig(file);
  return options.dataDir ? { ...config, dataDir: path.resolve(options.dataDir) } : config;
}

/** Opens the context for a command; with --json the terminal log lines are silenced so stdout stays machine-readable. */
export function openCommandContext(options: CommonOptions): PipelineContext {
  return openPipelineContext(resolveConfig(options), { logLevel: options.logLevel, quiet: options.json === true ? true : undefined });
}

/** Prints a result: JSON with --json, else the human text. */
export function printResult(options: CommonOptions, json: unknown, human: () => string): void {
  if (options.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${human()}\n`);
}

/** Runs a command body with a context, closing it whatever happens. */
export async function withContext(options: CommonOptions, body: (context: PipelineContext) => Promise<ExitCode>): Promise<ExitCode> {
  const context = openCommandContext(options);
  try {
    return await body(context);
  } finally {
    closePipelineContext(context);
  }
}

export type CommandBody<O> = (options: O, command: Command) => Promise<ExitCode>;

/**
 * Wraps a command body into a commander action: config errors exit 3 with each
 * problem on a line; other errors exit 1 with their message (never a stack
 * trace unless --log-level debug).
 */
export function action<O extends CommonOptions>(body: CommandBody<O>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const options = command.opts<O>();
    try {
      lastExit.code = await body(options, command);
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`istv: ${error.message}\n`);
        lastExit.code = EXIT.config;
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`istv: ${message}\n`);
      if (options.logLevel === 'debug' || options.logLevel === 'trace') process.stderr.write(`${(error as Error).stack ?? ''}\n`);
      lastExit.code = EXIT.failure;
    }
  };
}
