/**
 * What the scheduler tests share: a real data dir and store in a temporary
 * folder, a clock the test moves by hand, and steps that record what they were
 * asked to do. The "hospital" drops extracts by queueing them; the recording
 * ingest step writes them into the real extracts table, as the real ingest does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPipelineSteps } from '../../jobs/pipeline-steps.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scheduleConfigSchema, type ScheduleConfig } from '../../src/config/schedule.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import type { StepSummary } from '../../src/store/runs.ts';
import { Scheduler, type PublishOptions, type SchedulerSteps } from '../../src/schedule/scheduler.ts';
import type { StoreDatabase } from '../../src/store/open.ts';

export const SITES = [
  { code: 'RAPNM', name: 'North Middlesex University Hospital', longitude: -0.0737, latitude: 51.6131, borough: 'Haringey' },
  { code: 'RF4QH', name: "Queen's Hospital, Romford", longitude: 0.1797, latitude: 51.5689, borough: 'Barking and Dagenham' },
];

export interface ControlledClock {
  now: Date;
  set(iso: string): void;
}

export function controlledClock(iso: string): ControlledClock {
  const clock = {
    now: new Date(iso),
    set(next: string) {
      clock.now = new Date(next);
    },
  };
  return clock;
}

export interface TestDataDir {
  root: string;
  context: PipelineContext;
  clock: ControlledClock;
  close(): void;
  /** The JSON lines of the istv log so far. */
  logLines(): Array<Record<string, unknown>>;
}

/** `startIso` null: the real clock (for tests of the live node-cron tasks). */
export function openTestDataDir(startIso: string | null): TestDataDir {
  const root = mkdtempSync(path.join(os.tmpdir(), 'istv-jobs-'));
  const clock = controlledClock(startIso ?? new Date().toISOString());
  const config = parseConfig({ dataDir: 'data', sites: SITES }, root, null);
  const context = openPipelineContext(config, { quiet: true, now: startIso === null ? () => new Date() : () => clock.now });
  return {
    root,
    context,
    clock,
    close() {
      closePipelineContext(context);
      rmSync(root, { recursive: true, force: true });
    },
    logLines() {
      const text = readFileSync(path.join(context.dataDir.logs, 'istv.log'), 'utf8');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

export function scheduleConfig(section: unknown = {}): ScheduleConfig {
  return scheduleConfigSchema.parse(section);
}

/** Writes an extract row as the store writer would: a new version superseding the site-month's current one. */
export function insertExtract(store: StoreDatabase, siteCode: string, period: string, receivedAt: Date): number {
  return store.transaction(() => {
    const previous = store.prepare("SELECT id, version FROM extracts WHERE site_code = ? AND period = ? AND status = 'current'").get(siteCode, period) as
      | { id: number; version: number }
      | undefined;
    if (previous) store.prepare("UPDATE extracts SET status = 'superseded' WHERE id = ?").run(previous.id);
    const version = (previous?.version ?? 0) + 1;
    const result = store
      .prepare(
        `INSERT INTO extracts (site_code, period, file_name, sha256, size_bytes, received_at, ingested_at, version, status,
           rows_read, rows_accepted, rows_rejected, header_json, quality_json)
         VALUES (?, ?, ?, ?, 100, ?, ?, ?, 'current', 10, 9, 1, '[]', '{}')`,
      )
      .run(siteCode, period, `${siteCode}-${period}-v${version}.csv`, `${siteCode}${period}${version}`.padEnd(64, '0'), receivedAt.toISOString(), receivedAt.toISOString(), version);
    if (previous) store.prepare('UPDATE extracts SET superseded_by = ? WHERE id = ?').run(result.lastInsertRowid, previous.id);
    return Number(result.lastInsertRowid);
  })();
}

export interface RecordedCall {
  step: 'ingest' | 'publish' | 'purge';
  month?: string;
  options?: PublishOptions;
  at: string;
}

export interface RecordingSteps extends SchedulerSteps {
  calls: RecordedCall[];
  /** Extracts the hospital has dropped and the next ingest will store. */
  dropExtract(siteCode: string, period: string): void;
  /** Months whose publication throws. */
  failingMonths: Set<string>;
}

export function recordingSteps(clock: ControlledClock): RecordingSteps {
  const dropped: Array<{ siteCode: string; period: string }> = [];
  const steps: RecordingSteps = {
    calls: [],
    failingMonths: new Set(),
    dropExtract(siteCode, period) {
      dropped.push({ siteCode, period });
    },
    filesWaiting: () => dropped.length > 0,
    async ingestInbox(context): Promise<StepSummary> {
      steps.calls.push({ step: 'ingest', at: clock.now.toISOString() });
      const files = dropped.splice(0);
      for (const file of files) insertExtract(context.store, file.siteCode, file.period, context.now());
      return { files: files.length };
    },
    async publishMonth(_context, month, options): Promise<StepSummary> {
      steps.calls.push({ step: 'publish', month, options, at: clock.now.toISOString() });
      if (steps.failingMonths.has(month)) throw new Error(`Cannot publish ${month}: the renderer failed`);
      return { packs: 4 };
    },
    async purgeArchive(): Promise<StepSummary> {
      steps.calls.push({ step: 'purge', at: clock.now.toISOString() });
      return { purgedFiles: 0 };
    },
  };
  return steps;
}

/** A scheduler over the real pipeline steps (PDFs skipped), for the context's config and sites. */
export function realPipelineScheduler(context: PipelineContext): Scheduler {
  return new Scheduler({
    context,
    steps: createPipelineSteps({ pdf: 'skip' }),
    config: context.config.schedule,
    sites: context.config.sites.map((site) => ({ code: site.code, extractDueDay: site.extractDueDay })),
  });
}
