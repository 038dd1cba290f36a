/**
 * The demo: the whole monthly flow over the bundled sample area and its
 * extracts, into a fresh data dir. It does what an analyst would do on day one:
 * build the gazetteer from the area's open-data-shaped files, write a config,
 * create a pseudonym key, drop the hospitals' files in the inbox, ingest them,
 * and publish every month's packs.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.ts';
import { packageRoot } from '../lib/package-root.ts';
import { createPseudonymKeyFile } from '../deidentify/pseudonym-key.ts';
import { buildGazetteer, writeGazetteer, type GazetteerBuildInputs } from '../geocode/gazetteer/build.ts';
import { publishMonth, type PublishSummary } from '../report/publish.ts';
import { extractReceipts } from '../store/coverage.ts';
import { addMonths } from '../aggregate/months.ts';
import { closePipelineContext, openPipelineContext } from './context.ts';
import { periodFromFileName } from './file-name.ts';
import { ingestInbox, type IngestSummary } from './ingest.ts';
import type { FileResult } from './ingest-file.ts';
import { importPoliceFiles, policeAreaFromGazetteer, type PoliceImportSummary } from './police-import.ts';

export const SAMPLE_DATA_DIRECTORY = path.join(packageRoot(), 'sample-data');

/** Marks a folder as made by the demo, so that a rerun may wipe it and nothing else. */
const DEMO_MARKER = '.istv-demo';

/** The gazetteer sources of the sample area, in the open-data formats `istv gazetteer build` reads. */
export function sampleAreaGazetteerInputs(area = path.join(SAMPLE_DATA_DIRECTORY, 'area')): GazetteerBuildInputs {
  return {
    lsoa: [path.join(area, 'lsoa.geojson')],
    postcodes: [path.join(area, 'postcodes.csv')],
    premises: [path.join(area, 'premises.geojson')],
    streets: [path.join(area, 'streets.geojson')],
    landmarks: [path.join(area, 'landmarks.geojson')],
    sites: [path.join(area, 'sites.csv')],
  };
}

export interface DemoProgress {
  step(name: string, total: number): void;
  advance(detail: string): void;
  done(): void;
}

export interface DemoResult {
  dataDir: string;
  configFile: string;
  ingest: IngestSummary;
  police: PoliceImportSummary;
  published: PublishSummary[];
  failedMonths: Array<{ month: string; error: string }>;
}

function prepareFolder(dataDir: string): void {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!existsSync(path.join(dataDir, DEMO_MARKER))) {
      throw new Error(`${dataDir} exists and was not made by the demo; choose another --data-dir (the demo starts from an empty folder)`);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, DEMO_MARKER), 'Made by `istv demo`; a rerun of the demo replaces this folder.\n');
}

/** The force's police.uk files for the sample months, imported as an analyst would with `istv police import`. */
async function importSamplePoliceData(context: ReturnType<typeof openPipelineContext>, progress: DemoProgress | undefined): Promise<PoliceImportSummary> {
  const folder = path.join(SAMPLE_DATA_DIRECTORY, 'police');
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.csv') || name.endsWith('.zip')).sort().map((name) => path.join(folder, name)) : [];
  progress?.step('Importing the police.uk files', 1);
  const summary = await importPoliceFiles(context.store, files, policeAreaFromGazetteer(context.config.gazetteer), {
    crimeTypes: context.config.police?.crimeTypes,
    columnMappings: context.config.police?.columnMappings,
    now: context.now,
  });
  progress?.advance(`${summary.totals.rowsKept} of ${summary.totals.rowsRead} rows kept`);
  progress?.done();
  return summary;
}

export async function runDemo(dataDirArgument: string, options: { progress?: DemoProgress; pdf?: 'if-available' | 'skip' } = {}): Promise<DemoResult> {
  const dataDir = path.resolve(dataDirArgument);
  const progress = options.progress;
  prepareFolder(dataDir);

  progress?.step('Building the gazetteer from sample-data/area', 1);
  const gazetteerFile = path.join(dataDir, 'gazetteer.json');
  writeGazetteer(gazetteerFile, buildGazetteer(sampleAreaGazetteerInputs()));
  progress?.advance('gazetteer.json');
  progress?.done();

  const keyFile = path.join(dataDir, 'pseudonym.key');
  createPseudonymKeyFile(keyFile);
  const sampleConfig = JSON.parse(readFileSync(path.join(SAMPLE_DATA_DIRECTORY, 'istv.config.json'), 'utf8')) as Record<string, unknown>;
  const configFile = path.join(dataDir, 'istv.config.json');
  writeFileSync(configFile, `${JSON.stringify({ ...sampleConfig, dataDir: '.', gazetteer: './gazetteer.json', deidentify: { ...(sampleConfig.deidentify as object | undefined), pseudonymKeyFile: './pseudonym.key' } }, null, 2)}\n`);

  const context = openPipelineContext(loadConfig(configFile), { quiet: true });
  try {
    // Hospital IT drops the files over the year: oldest first, a resubmission after its original.
    const names = readdirSync(path.join(SAMPLE_DATA_DIRECTORY, 'inbox')).filter((n) => !n.startsWith('.')).sort();
    // Each file arrives when a hospital would send it: early in the following month, a resubmission
    // a fortnight later, so the packs' coverage reads "received on time" rather than months late.
    const fallback = Math.floor(Date.now() / 1000) - names.length * 3600;
    names.forEach((name, index) => {
      const target = path.join(context.dataDir.inbox, name);
      cpSync(path.join(SAMPLE_DATA_DIRECTORY, 'inbox', name), target);
      const period = periodFromFileName(name);
      const following = period === null ? null : addMonths(period, 1);
      const arrived = following === null ? fallback + index * 3600 : Date.UTC(Number(following.slice(0, 4)), Number(following.slice(5, 7)) - 1, /_v\d+\./.test(name) ? 20 : 3, 9 + (index % 8)) / 1000;
      const when = Math.min(arrived, fallback + index * 3600);
      utimesSync(target, when, when);
    });

    progress?.step('Ingesting the extracts', names.length);
    const ingest = await ingestInbox(context, { onFile: (result: FileResult) => progress?.advance(`${result.file}: ${result.outcome}`) });
    progress?.done();

    const police = await importSamplePoliceData(context, progress);

    // Every month some site's extract is in. A month whose file from one site was refused
    // (the sample has one) is published marked partial, naming the missing site, as an analyst would.
    const months = [...new Set(extractReceipts(context.store).map((receipt) => receipt.period))].sort();
    progress?.step('Publishing the monthly packs', months.length);
    const published: PublishSummary[] = [];
    const failedMonths: DemoResult['failedMonths'] = [];
    for (const month of months) {
      try {
        // PDFs take about a second each and a month has dozens: print them for the latest month only.
        const pdf = month === months[months.length - 1] ? (options.pdf ?? 'if-available') : 'skip';
        published.push(await publishMonth(context, month, { pdf, partial: 'allow' }));
      } catch (error) {
        failedMonths.push({ month, error: error instanceof Error ? error.message : String(error) });
        context.logger.error({ month, error: String(error) }, 'month not published');
      }
      progress?.advance(month);
    }
    progress?.done();
    return { dataDir, configFile, ingest, police, published, failedMonths };
  } finally {
    closePipelineContext(context);
  }
}
