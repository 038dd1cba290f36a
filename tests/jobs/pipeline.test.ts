/**
 * The scheduler over the real pipeline (ingest, publish, purge) with a controlled
 * clock: a late extract arriving after its month was published makes the real
 * packs be republished, marked revised.
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closePipelineContext, openPipelineContext } from '../../src/pipeline/context.ts';
import { listPublicationHistory } from '../../src/store/publications.ts';
import { scheduleStatus } from '../../src/schedule/status.ts';
import { sampleData, sampleSetup } from '../pipeline/sample-area.ts';
import { realPipelineScheduler } from './helpers.ts';

describe('the scheduler over the real pipeline', () => {
  const setup = sampleSetup();
  let now = new Date('2026-08-01T09:00:00Z');
  const context = openPipelineContext(setup.config, { quiet: true, now: () => now });
  const scheduler = realPipelineScheduler(context);
  afterAll(() => {
    scheduler.dispose();
    closePipelineContext(context);
    rmSync(setup.folder, { recursive: true, force: true });
  });

  const drop = (name: string) => copyFileSync(path.join(sampleData, 'inbox', name), path.join(context.dataDir.inbox, name));
  const cycleAt = async (iso: string) => {
    now = new Date(iso);
    const report = await scheduler.tick('test');
    if (!report) throw new Error('the cycle was skipped');
    return report;
  };
  const manifest = () => JSON.parse(readFileSync(path.join(context.dataDir.reports, '2026-07', 'manifest.json'), 'utf8')) as { revised: boolean; revisedNote: string | null };

  it('publishes on the 10th, notices the late site, and republishes the month as revised when its extract comes', { timeout: 300_000 }, async () => {
    drop('RX1AA_2026-07.csv');
    const first = await cycleAt('2026-08-01T09:00:00Z');
    expect(first.outcomes.find((outcome) => outcome.job === 'poll-inbox')).toMatchObject({ status: 'succeeded', summary: { ingested: 1, failed: 0 } });

    const publication = await cycleAt('2026-08-10T05:00:00Z');
    expect(publication.outcomes.find((outcome) => outcome.job === 'publish-packs')).toMatchObject({ status: 'succeeded', summary: { published: 1, revised: 0 } });
    expect(manifest().revised).toBe(false);

    // Easthaven (RX2BB) has until its own due day; after it, July is late for it.
    await cycleAt('2026-08-20T06:00:00Z');
    const dueDay = context.config.sites.find((site) => site.code === 'RX2BB')?.extractDueDay ?? context.config.schedule.lateExtracts.dueDay;
    expect(scheduleStatus(context).lateExtracts).toEqual([
      { siteCode: 'RX2BB', period: '2026-07', dueOn: `2026-08-${String(dueDay).padStart(2, '0')}`, daysLate: 20 - dueDay },
    ]);

    drop('RX2BB_2026-07.csv');
    const revision = await cycleAt('2026-08-21T10:00:00Z');
    expect(revision.outcomes.find((outcome) => outcome.job === 'publish-packs')).toMatchObject({ status: 'succeeded', summary: { published: 0, revised: 1 } });
    expect(manifest()).toMatchObject({ revised: true, revisedNote: expect.stringContaining('replaces the pack produced on 2026-08-10') });
    expect(listPublicationHistory(context.store, '2026-07').map((entry) => [entry.revision, entry.reason])).toEqual([
      [1, 'scheduled'],
      [2, 'late-extract'],
    ]);
    const status = scheduleStatus(context);
    expect(status.lateExtracts).toEqual([]);
    expect(status.lateArrivals).toMatchObject([{ siteCode: 'RX2BB', period: '2026-07' }]);
  });
});
