/**
 * What every command and job works with: the validated config, the data dir, the
 * store and a logger. Commands build one with `openPipelineContext` and close it
 * when done.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import type { LoadedConfig } from '../config/load.ts';
import { createLogger, type Logger } from '../log.ts';
import { openStore, type StoreDatabase } from '../store/open.ts';
import { dataDirectory, type DataDirectory } from '../config/data-dir.ts';
import type { ReportStore } from '../report/report-store.ts';
import { reportStoreOf } from './report-store.ts';

export interface PipelineContext {
  config: LoadedConfig;
  dataDir: DataDirectory;
  store: StoreDatabase;
  /** The same store as the report stage sees it: its queries, never the handle. */
  reportStore: ReportStore;
  logger: Logger;
  /** The clock, injectable so that tests and the scheduler can control "now". */
  now: () => Date;
}

export interface OpenContextOptions {
  logLevel?: string;
  quiet?: boolean;
  now?: () => Date;
}

export function openPipelineContext(config: LoadedConfig, options: OpenContextOptions = {}): PipelineContext {
  const dataDir = dataDirectory(config.dataDir);
  // Owner-only: raw extracts pass through inbox/ and processing/, and reports hold record-level packs.
  for (const folder of [dataDir.root, dataDir.inbox, dataDir.processing, dataDir.archive, dataDir.quarantine, dataDir.reports, dataDir.logs]) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (folder !== dataDir.inbox) chmodSync(folder, 0o700);
  }
  const logger = createLogger({ logDirectory: dataDir.logs, level: options.logLevel, quiet: options.quiet });
  const store = openStore(dataDir.store);
  return { config, dataDir, store, reportStore: reportStoreOf(store), logger, now: options.now ?? (() => new Date()) };
}

export function closePipelineContext(context: PipelineContext): void {
  context.store.close();
  context.logger.flush();
}
