/**
 * The red-team run: extracts planting hundreds of identifiers of every kind, in
 * identifier columns and inside free text, go through the whole pipeline
 * (ingest, data-quality reports, every month's packs with the last month's PDFs,
 * logs at debug level).
 * Afterwards not one planted identifier may appear in any byte of any file
 * under the data dir, except archive/ and quarantine/ (the raw files, kept
 * owner-only and purged). The geography is the real open data when
 * ../shared/data is there, so that postcodes and places really match; otherwise
 * the sample area.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { createPseudonymKeyFile } from '../../src/deidentify/pseudonym-key.ts';
import { buildGazetteer, writeGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { closePipelineContext, openPipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { CHROMIUM_PATH } from '../../src/report/render/pdf.ts';
import { PLANTED_KINDS, generateRedTeam, plantedIdentifierValues } from '../deidentify/red-team/generate.ts';
import { repoRoot, sampleGazetteer } from '../pipeline/sample-area.ts';

const sharedData = path.resolve(repoRoot, '..', 'shared', 'data');

function redTeamGazetteer(folder: string): string {
  if (!existsSync(sharedData)) {
    console.warn(`red-team: ${sharedData} not found; using the synthetic sample area (postcodes and places will not match)`);
    return sampleGazetteer();
  }
  const boroughs = ['haringey', 'barking_and_dagenham'].map((b) => path.join(sharedData, b));
  const file = path.join(folder, 'gazetteer.json');
  writeGazetteer(file, buildGazetteer({
    lsoa: boroughs.map((b) => path.join(b, 'lsoa_2021.geojson')),
    postcodes: boroughs.map((b) => path.join(b, 'postcodes.csv')),
    premises: boroughs.flatMap((b) => [path.join(b, 'licensed_premises_osm_pubs.geojson'), path.join(b, 'food_drink_premises_fhrs_2020.geojson')]),
    streets: boroughs.map((b) => path.join(b, 'streets_fhrs_derived.geojson')),
    landmarks: boroughs.flatMap((b) => [path.join(b, 'landmarks_osm_2019.geojson'), path.join(b, 'landmarks_schools_parks_ogl.geojson')]),
  }));
  return file;
}

function filesUnder(folder: string, skip: Set<string>): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (skip.has(full)) continue;
    if (entry.isDirectory()) found.push(...filesUnder(full, skip));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/**
 * Finds any of many needles in a text in one pass: needles are indexed by their
 * first four characters, so each position of the text costs one map lookup.
 */
function createNeedleFinder(needles: string[]): (text: string) => string[] {
  const byPrefix = new Map<string, string[]>();
  for (const needle of needles) {
    const lower = needle.toLowerCase();
    const prefix = lower.slice(0, 4);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), lower]);
  }
  return (text: string) => {
    const lower = text.toLowerCase();
    const found = new Set<string>();
    for (let index = 0; index + 4 <= lower.length; index++) {
      const candidates = byPrefix.get(lower.slice(index, index + 4));
      if (!candidates) continue;
      for (const candidate of candidates) if (lower.startsWith(candidate, index)) found.add(candidate);
    }
    return [...found];
  };
}

/** Every value of every row of every table, one per line: what SQLite holds, field by field. */
function storeValues(file: string): string {
  const database = new Database(file, { readonly: true });
  try {
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    const lines: string[] = [];
    for (const { name } of tables) {
      for (const row of database.prepare(`SELECT * FROM "${name}"`).iterate() as Iterable<Record<string, unknown>>) {
        for (const value of Object.values(row)) lines.push(String(value));
      }
    }
    return lines.join('\n');
  } finally {
    database.close();
  }
}

const set = generateRedTeam();
let dataDir = '';

// A PDF's text sits in compressed streams, so it is searched as pdftotext (poppler-utils) reads it.
const PDFTOTEXT = '/usr/bin/pdftotext';
const canReadPdfs = existsSync(CHROMIUM_PATH) && existsSync(PDFTOTEXT);
if (!canReadPdfs) console.warn(`red-team: PDFs not checked (needs ${CHROMIUM_PATH} and ${PDFTOTEXT}: Debian packages chromium and poppler-utils)`);

/** The text of a file as a reader sees it: a PDF's extracted text, any other file's bytes. */
function readableText(file: string): string {
  // latin1 keeps one character per byte, so binary files are searched byte for byte.
  if (!file.endsWith('.pdf')) return readFileSync(file).toString('latin1');
  return execFileSync(PDFTOTEXT, ['-q', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'istv-red-team-'));
  const gazetteer = redTeamGazetteer(folder);
  dataDir = path.join(folder, 'data');
  const keyFile = path.join(folder, 'pseudonym.key');
  createPseudonymKeyFile(keyFile);
  const configJson = {
    areaName: 'Red-team area',
    dataDir,
    gazetteer,
    sites: set.sites.map((site) => ({ code: site.code, name: site.name, longitude: site.longitude, latitude: site.latitude, hospitalNumberPattern: site.hospitalNumberPattern })),
    deidentify: { pseudonymKeyFile: keyFile },
  };
  writeFileSync(path.join(folder, 'istv.config.json'), JSON.stringify(configJson));
  const context = openPipelineContext(parseConfig(configJson, folder, path.join(folder, 'istv.config.json')), { quiet: true, logLevel: 'trace' });
  try {
    for (const extract of set.extracts) writeFileSync(path.join(context.dataDir.inbox, extract.fileName), extract.csv);
    const summary = await ingestInbox(context);
    expect(summary.failed).toEqual([]);
    expect(summary.totals.rowsAccepted).toBeGreaterThan(0);
    const months = [...new Set(set.extracts.map((e) => e.period))].sort();
    for (const month of months) {
      // PDFs (printed from the HTML by Chromium) for the last month, so their text is searched too.
      await publishMonth(context, month, { pdf: month === months.at(-1) && canReadPdfs ? 'required' : 'skip' });
    }
  } finally {
    closePipelineContext(context);
  }
}, 600_000);

describe('after a full run over the red-team extracts', () => {
  it('plants at least 200 identifiers of every kind, in columns and in free text', () => {
    for (const kind of PLANTED_KINDS) {
      for (const placement of ['column', 'text'] as const) {
        const count = set.manifest.filter((p) => p.kind === kind && p.placement === placement).length;
        expect(count, `${kind} in ${placement}`).toBeGreaterThanOrEqual(200);
      }
    }
  });

  it('no planted identifier appears in any byte under the data dir outside archive/ and quarantine/', () => {
    const skip = new Set([path.join(dataDir, 'archive'), path.join(dataDir, 'quarantine')]);
    const files = filesUnder(dataDir, skip);
    expect(files.some((f) => f.endsWith('istv.sqlite'))).toBe(true);
    expect(files.some((f) => f.endsWith('istv.log'))).toBe(true);
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
    const needles = plantedIdentifierValues(set).filter((form) => form.length >= 4);
    const findAny = createNeedleFinder(needles);
    // In SQLite's own pages, fields sit side by side ("2026-07-20" then "08:35"), which can
    // spell a date of birth across two fields. Words are searched in the raw bytes; every
    // needle is searched in each stored value on its own.
    const findWords = createNeedleFinder(needles.filter((needle) => /[a-z]/i.test(needle)));
    const leaks: string[] = [];
    if (canReadPdfs) expect(files.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(2);
    for (const file of files) {
      const bytes = readableText(file);
      const isStore = /istv\.sqlite(-wal)?$/.test(file);
      const found = isStore ? findWords(bytes) : findAny(bytes);
      if (file.endsWith('istv.sqlite')) found.push(...findAny(storeValues(file)));
      for (const needle of found) leaks.push(`${path.relative(dataDir, file)}: ${needle}`);
    }
    expect(leaks.slice(0, 20)).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
    expect(statSync(path.join(dataDir, 'istv.sqlite')).size).toBeGreaterThan(0);
  });

  it('the raw files are kept owner-only in archive/', () => {
    const archived = filesUnder(path.join(dataDir, 'archive'), new Set());
    expect(archived.length).toBe(set.extracts.length);
    for (const file of archived) expect(statSync(file).mode & 0o077).toBe(0);
  });
});

describe('the leak finder itself', () => {
  it('finds a planted value in text and in a stored value, whatever its case', () => {
    const find = createNeedleFinder(['Chidinma Oduya', '5604318485']);
    expect(find('…o/s the shop, chidinma ODUYA said…')).toEqual(['chidinma oduya']);
    expect(find('ref 5604318485.')).toEqual(['5604318485']);
    expect(find('nothing here')).toEqual([]);
  });
});
