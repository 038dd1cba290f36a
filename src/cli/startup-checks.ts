/**
 * What a config needs of the machine, checked when a command starts rather than
 * when the first file arrives: the data dir is a folder istv may own (not the
 * root of the file system, not a file), and the gazetteer is a readable istv
 * gazetteer. Each problem names its config key, and the command exits 3.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type LoadedConfig } from '../config/load.ts';
import { GAZETTEER_FORMAT, GAZETTEER_FORMAT_VERSION } from '../geocode/gazetteer/types.ts';

function statOrNull(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function dataDirProblem(dataDir: string): string | null {
  if (path.parse(dataDir).root === dataDir) return `dataDir: ${dataDir} is the root of the file system; give istv a folder of its own (e.g. /var/lib/istv)`;
  const stat = statOrNull(dataDir);
  if (stat && !stat.isDirectory()) return `dataDir: ${dataDir} exists and is not a folder`;
  return null;
}

function gazetteerProblem(file: string | undefined): string | null {
  if (file === undefined) return null;
  const stat = statOrNull(file);
  if (!stat) return `gazetteer: ${file} does not exist; build one with \`istv gazetteer build\``;
  if (!stat.isFile()) return `gazetteer: ${file} is not a file`;
  let head: string;
  try {
    const descriptor = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(256);
      head = buffer.subarray(0, readSync(descriptor, buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return `gazetteer: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  // `istv gazetteer build` writes the format and its version first; reading the whole file is left to the commands that use it.
  const format = new RegExp(`^\\s*\\{\\s*"format"\\s*:\\s*"${GAZETTEER_FORMAT}"\\s*,\\s*"formatVersion"\\s*:\\s*${GAZETTEER_FORMAT_VERSION}\\b`);
  if (!format.test(head)) return `gazetteer: ${file} is not an istv gazetteer (format ${GAZETTEER_FORMAT} version ${GAZETTEER_FORMAT_VERSION}); build one with \`istv gazetteer build\``;
  return null;
}

/** Throws a ConfigError listing every problem. */
export function checkConfigAtStartup(config: LoadedConfig): void {
  const problems = [dataDirProblem(config.dataDir), gazetteerProblem(config.gazetteer)].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new ConfigError(config.configFile ?? '(inline config)', problems);
}
