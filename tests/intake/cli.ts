/**
 * Real istv processes over fresh data dirs: the command as a user runs it
 * (bin/istv.js in a child process), a config written to a temporary folder,
 * the sample area's gazetteer and a pseudonym key.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot, sampleData, sampleSetup } from '../pipeline/sample-area.ts';

/** The istv command under test; ISTV_BIN points the same tests at another build (an older commit's, to see them fail there). */
export const ISTV = process.env.ISTV_BIN ?? path.join(repoRoot, 'bin', 'istv.js');

export interface CliDataDir {
  folder: string;
  configFile: string;
  dataDir: string;
  inbox: string;
  /** Runs istv with this config; the result once it exits (or is killed at `timeoutMs`). */
  run(args: string[], options?: { timeoutMs?: number; umask?: string; config?: boolean; nodeOptions?: string }): { status: number | null; stdout: string; stderr: string; timedOut: boolean };
  /** Starts istv and returns the child at once. */
  start(args: string[]): ChildProcess;
  drop(name: string, content: string | Buffer, ageSeconds?: number): string;
  query<T>(sql: string, ...params: unknown[]): T[];
  list(folder: 'inbox' | 'processing' | 'quarantine' | 'archive'): string[];
  reasonOf(name: string): { reason: string; line: number | null; details?: unknown };
}

/** A fresh data dir with its config; `config` keys override the sample config's. */
export function cliDataDir(config: Record<string, unknown> = {}): CliDataDir {
  const setup = sampleSetup();
  const keyFile = path.join(setup.folder, 'pseudonym.key');
  writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const raw = JSON.parse(readFileSync(setup.configFile, 'utf8')) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...raw, deidentify: { ...(raw.deidentify as object | undefined), pseudonymKeyFile: keyFile }, ...config };
  writeFileSync(setup.configFile, JSON.stringify(merged, null, 2));
  const dataDir = String(merged.dataDir ?? path.join(setup.folder, 'data'));
  const inbox = path.join(dataDir, 'inbox');
  const env = { ...process.env, ISTV_PSEUDONYM_KEY: '', NO_COLOR: '1' };
  const self: CliDataDir = {
    folder: setup.folder,
    configFile: setup.configFile,
    dataDir,
    inbox,
    run(args, options = {}) {
      const istvArgs = [ISTV, ...args, ...(options.config === false ? [] : ['--config', setup.configFile])];
      const command = options.umask ? 'sh' : process.execPath;
      const argv = options.umask ? ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, ...istvArgs] : istvArgs;
      const runEnv = options.nodeOptions ? { ...env, NODE_OPTIONS: options.nodeOptions } : env;
      const result = spawnSync(command, argv, { encoding: 'utf8', timeout: options.timeoutMs ?? 120_000, killSignal: 'SIGKILL', env: runEnv, cwd: setup.folder });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined || result.signal === 'SIGKILL' };
    },
    start(args) {
      return spawn(process.execPath, [ISTV, ...args, '--config', setup.configFile], { env, cwd: setup.folder, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    drop(name, content, ageSeconds = 600) {
      const file = path.join(inbox, name);
      mkdirSync(inbox, { recursive: true });
      writeFileSync(file, content);
      const when = Date.now() / 1000 - ageSeconds;
      utimesSync(file, when, when);
      return file;
    },
    query<T>(sql: string, ...params: unknown[]): T[] {
      const database = new Database(path.join(dataDir, 'istv.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return database.prepare(sql).all(...params) as T[];
      } finally {
        database.close();
      }
    },
    list(folder) {
      try {
        return readdirSync(path.join(dataDir, folder)).sort();
      } catch {
        return [];
      }
    },
    reasonOf(name) {
      return JSON.parse(readFileSync(path.join(dataDir, 'quarantine', `${name}.reason.json`), 'utf8')) as { reason: string; line: number | null };
    },
  };
  return self;
}

export const SAMPLE_HEADER = readFileSync(path.join(sampleData, 'inbox', 'RX1AA_2026-07.csv'), 'utf8').split(/\r?\n/)[0]!;

/** The sample's July extract of RX1AA: header and rows. */
export function sampleExtract(name = 'RX1AA_2026-07.csv'): { header: string; rows: string[] } {
  const lines = readFileSync(path.join(sampleData, 'inbox', name), 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  return { header: lines[0]!, rows: lines.slice(1) };
}

/** A valid row of RX1AA for a given attendance reference and day (YYYY-MM-DD). */
export function syntheticRow(reference: string, day: string): string {
  const [year, month, date] = day.split('-');
  const when = `${date}/${month}/${year}`;
  const fields: Record<string, string> = {
    site_code: 'RX1AA', attendance_id: reference, arrival_datetime: `${when} 23:40`, assault_datetime: `${when} 23:10`, assault_method: 'punched',
    assault_method_other: '', location_type: 'street', location_description: 'outside the station', assailant_count: '1', assailant_relationship: 'stranger',
    reported_to_police: 'N', wants_police_informed: 'N', age: '24', sex: 'M', alcohol_involved: 'Y',
  };
  return SAMPLE_HEADER.split(',').map((column) => fields[column.trim()] ?? '').join(',');
}
