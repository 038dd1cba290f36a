/**
 * Republishing beside what is already published: a revised month is
 * protected and audited together with its earlier edition, read back from
 * disk, on the current data. Publishing writes nothing when the audit finds a
 * count narrowed below the width, so a revised month that publishes has
 * passed it. (Before counts already bounded by the earlier edition were
 * settled, republishing a month stopped the protector with "nothing left to
 * suppress".)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import type { ProtectedRelease } from '../../src/disclose/index.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { createFixtureStore, type FixtureStore } from './fixtures.ts';
import { buildScenario, haveSharedData, loadScenario, REPORT_MONTH, SITES, type Scenario } from './scenario.ts';

describe.skipIf(!haveSharedData)('republishing beside the releases already on disk', () => {
  let fixture: FixtureStore;
  let scenario: Scenario;
  let context: PipelineContext;
  const release = (month: string) => JSON.parse(readFileSync(path.join(context.dataDir.reports, month, 'public-health', 'release.json'), 'utf8')) as ProtectedRelease;
  const publish = (month: string, revised = false) => publishMonth(context, month, { lsoaBoundaries: scenario.boundaries, premises: scenario.premises, pdf: 'skip', revised });

  beforeAll(() => {
    fixture = createFixtureStore('istv-republish-');
    scenario = buildScenario();
    loadScenario(fixture, scenario);
    const config = parseConfig(
      { dataDir: fixture.directory, areaName: 'Haringey', sites: SITES.map((site) => ({ ...site, longitude: -0.07, latitude: 51.6, extractDueDay: 10 })) },
      fixture.directory,
      null,
    );
    context = openPipelineContext(config, { quiet: true, now: () => new Date('2026-11-12T08:00:00Z') });
  });

  afterAll(() => {
    if (context) closePipelineContext(context);
    fixture?.close();
  });

  it('a revised month publishes beside its earlier edition', async () => {
    await publish(REPORT_MONTH);
    const first = release(REPORT_MONTH);
    // The first site resubmits the month with a few more attendances, in LSOAs that had some.
    const site = SITES[0]!.code;
    const records = scenario.extracts.get(`${site}|${REPORT_MONTH}`)!;
    fixture.addExtract(site, REPORT_MONTH, [...records, ...records.filter((record) => record.lsoa).slice(0, 5)]);
    context.now = () => new Date('2026-11-20T08:00:00Z');
    await publish(REPORT_MONTH, true);
    const revised = release(REPORT_MONTH);
    expect(revised.tables.map((table) => table.id)).toEqual(first.tables.map((table) => table.id));

    expect(revised.tables.flatMap((table) => table.cells).some((cell) => cell.display === '*')).toBe(true);
  }, 600_000);
});
