/**
 * Test fixtures built from the repo's own synthetic sample area: a gazetteer
 * and a config in a fresh temporary data dir, as a user would have them.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, type LoadedConfig } from '../../src/config/load.ts';
import { buildGazetteer, writeGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { sampleAreaGazetteerInputs } from '../../src/pipeline/demo.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const sampleData = path.join(repoRoot, 'sample-data');

let gazetteerFile: string | null = null;

/** The sample area's gazetteer, built once per test file. */
export function sampleGazetteer(): string {
  if (gazetteerFile) return gazetteerFile;
  const folder = mkdtempSync(path.join(tmpdir(), 'istv-gazetteer-'));
  gazetteerFile = path.join(folder, 'gazetteer.json');
  writeGazetteer(gazetteerFile, buildGazetteer(sampleAreaGazetteerInputs()));
  return gazetteerFile;
}

export interface SampleSetup {
  folder: string;
  configFile: string;
  config: LoadedConfig;
}

/** A fresh folder with the sample config (pointing at a data dir inside it) written to istv.config.json. */
export function sampleSetup(overrides: Record<string, unknown> = {}): SampleSetup {
  const folder = mkdtempSync(path.join(tmpdir(), 'istv-test-'));
  const raw = JSON.parse(readFileSync(path.join(sampleData, 'istv.config.json'), 'utf8')) as Record<string, unknown>;
  // Files are dropped whole by the tests, so they need not settle first.
  const configJson = { ...raw, gazetteer: sampleGazetteer(), dataDir: path.join(folder, 'data'), intake: { settleSeconds: 0 }, ...overrides };
  const configFile = path.join(folder, 'istv.config.json');
  writeFileSync(configFile, JSON.stringify(configJson, null, 2));
  return { folder, configFile, config: parseConfig(configJson, folder, configFile) };
}

/** Copies sample extracts into an inbox with ascending drop times, in name order. */
export function dropSampleFiles(inbox: string, names?: string[]): string[] {
  const source = path.join(sampleData, 'inbox');
  // Every extract as sent: CSV, Excel workbook or ZIP archive.
  const chosen = names ?? readdirSync(source).filter((n) => !n.startsWith('.')).sort();
  const start = Date.now() / 1000 - chosen.length * 60;
  chosen.forEach((name, index) => {
    const target = path.join(inbox, name);
    cpSync(path.join(source, name), target);
    utimesSync(target, start + index * 60, start + index * 60);
  });
  return chosen;
}

export interface ManifestExtract {
  file: string;
  siteCode: string;
  month: string;
  expectedOutcome: 'ingest' | 'quarantine';
  rows: number;
  invalidRows: number;
  expectedAccepted: number;
  supersedes: string | null;
}

export function sampleManifest(): { extracts: ManifestExtract[] } {
  return JSON.parse(readFileSync(path.join(sampleData, 'manifest.json'), 'utf8'));
}
