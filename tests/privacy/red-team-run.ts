/**
 * One red-team run end to end: the generated extracts are dropped in an inbox and
 * ingested (one site's files on the worker thread, the other's on the main
 * thread), every month's packs are published (the last month's PDFs too), the
 * stored locations are geocoded again from their stored text, and the log is
 * written at trace level. What is left under the data dir is then searched.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config/load.ts';
import { createPseudonymKeyFile } from '../../src/deidentify/pseudonym-key.ts';
import { buildGazetteer, writeGazetteer } from '../../src/geocode/gazetteer/build.ts';
import type { GazetteerFile } from '../../src/geocode/gazetteer/types.ts';
import { closePipelineContext, openPipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { CHROMIUM_PATH } from '../../src/report/render/pdf.ts';
import { repoRoot, sampleGazetteer } from '../pipeline/sample-area.ts';
import { PDFTOTEXT } from './leak-search.ts';
import { generateRedTeam, type RedTeamOptions, type RedTeamSet } from './red-team/generate.ts';

const sharedData = path.resolve(repoRoot, '..', 'shared', 'data');
export const canReadPdfs = existsSync(CHROMIUM_PATH) && existsSync(PDFTOTEXT);

/** The real open data's gazetteer when ../shared/data is there (so postcodes and places really match), else the sample area's. */
export function redTeamGazetteer(folder: string): string {
  if (!existsSync(sharedData)) {
    console.warn(`red-team: ${sharedData} not found; using the synthetic sample area`);
    return sampleGazetteer();
  }
  const boroughs = ['haringey', 'barking_and_dagenham'].map((b) => path.join(sharedData, b));
  const file = path.join(folder, 'gazetteer.json');
  writeGazetteer(file, buildGazetteer({
    lsoa: boroughs.map((b) => path.join(b, 'lsoa_2021.geojson')),
    postcodes: boroughs.map((b) => path.join(b, 'postcodes.csv')),
    premises: boroughs.flatMap((b) => [path.join(b, 'licensed_premises_osm_pubs.geojson'), path.join(b, 'food_drink_premises_fhrs_2020.geojson')]),
    streets: boroughs.map((b) => path.join(b, 'streets_fhrs_derived.geojson')),
    landmarks: boroughs.flatMap((b) => [path.join(b, 'landmarks_osm_2019.geojson'), path.join(b, 'landmarks_schools_parks_ogl.geojson'), path.join(b, 'bus_stops_tfl_2021.geojson')]),
  }));
  return file;
}

export interface RedTeamRun {
  set: RedTeamSet;
  dataDir: string;
  rowsAccepted: number;
  rowsRead: number;
}

export async function runRedTeam(options: RedTeamOptions): Promise<RedTeamRun> {
  const folder = mkdtempSync(path.join(tmpdir(), 'istv-red-team-'));
  const gazetteerFile = redTeamGazetteer(folder);
  const set = generateRedTeam(JSON.parse(readFileSync(gazetteerFile, 'utf8')) as GazetteerFile, options);
  const dataDir = path.join(folder, 'data');
  const keyFile = path.join(folder, 'pseudonym.key');
  createPseudonymKeyFile(keyFile);
  const configJson = {
    areaName: 'Red-team area',
    dataDir,
    gazetteer: gazetteerFile,
    sites: set.sites.map((site) => ({ code: site.code, name: site.name, longitude: site.longitude, latitude: site.latitude })),
    deidentify: { pseudonymKeyFile: keyFile },
    // The extracts are written just before the run: claim them at once rather than wait for them to settle.
    intake: { settleSeconds: 0 },
  };
  const configFile = path.join(folder, 'istv.config.json');
  writeFileSync(configFile, JSON.stringify(configJson));
  const context = openPipelineContext(parseConfig(configJson, folder, configFile), { quiet: true, logLevel: 'trace' });
  let rowsAccepted = 0;
  let rowsRead = 0;
  try {
    for (const [index, site] of set.sites.entries()) {
      for (const extract of set.extracts.filter((e) => e.siteCode === site.code)) writeFileSync(path.join(context.dataDir.inbox, extract.fileName), extract.csv);
      const summary = await ingestInbox(context, { validateOnWorker: index === 0 ? 'always' : 'never' });
      if (summary.failed.length > 0) throw new Error(`red-team ingest failed: ${JSON.stringify(summary.failed)}`);
      rowsAccepted += summary.totals.rowsAccepted;
      rowsRead += summary.totals.rowsRead;
    }
    const months = [...new Set(set.extracts.map((e) => e.period))].sort();
    for (const month of months) {
      await publishMonth(context, month, { pdf: month === months.at(-1) && canReadPdfs ? 'required' : 'skip' });
    }
  } finally {
    closePipelineContext(context);
  }
  return { set, dataDir, rowsAccepted, rowsRead };
}
