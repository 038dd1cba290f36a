import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { configSchema, type IstvConfig } from './schema.ts';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid config ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A loaded config, with every path in it made absolute. */
export interface LoadedConfig extends IstvConfig {
  /** The file it came from, or null for a config built in code. */
  configFile: string | null;
}

function describePath(pathParts: PropertyKey[]): string {
  if (pathParts.length === 0) return '(top level)';
  return pathParts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** zod issues as "key: what was expected" lines. */
export function formatConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${describePath(issue.path)}: ${issue.message}`);
}

export function parseConfig(raw: unknown, baseDirectory: string, configFile: string | null): LoadedConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(configFile ?? '(inline config)', formatConfigIssues(result.error));
  const config = result.data;
  const resolve = (p: string) => path.resolve(baseDirectory, p);
  return {
    ...config,
    configFile,
    dataDir: resolve(config.dataDir),
    gazetteer: config.gazetteer === undefined ? undefined : resolve(config.gazetteer),
    report: {
      ...config.report,
      licensing: { ...config.report.licensing, register: config.report.licensing.register === undefined ? undefined : resolve(config.report.licensing.register) },
    },
    deidentify: {
      ...config.deidentify,
      pseudonymKeyFile: config.deidentify.pseudonymKeyFile === undefined ? undefined : resolve(config.deidentify.pseudonymKeyFile),
    },
  };
}

export function loadConfig(file: string): LoadedConfig {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(absolute, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(absolute, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseConfig(raw, path.dirname(absolute), absolute);
}
