/**
 * The police-data sections of the packs over the Haringey scenario: ED beside
 * police with hidden violence where police record little, Gi* hotspots with
 * their CSV, the premises ranking, alerts in the packs and in alerts.json, and
 * `istv status` reporting them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { monthsEnding } from '../../src/aggregate/months.ts';
import { parseConfig } from '../../src/config/load.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { latestPublishedAlerts } from '../../src/report/sections/alerts.ts';
import { writePoliceImports, type StoredPoliceCrime } from '../../src/store/police-crimes.ts';
import { createFixtureStore, type FixtureStore } from './fixtures.ts';
import { buildScenario, haveSharedData, loadScenario, REPORT_MONTH, SITES, type Scenario } from './scenario.ts';

describe.skipIf(!haveSharedData)('police data, hotspots and alerts in the packs (Haringey scenario)', () => {
  let fixture: FixtureStore;
  let scenario: Scenario;
  let context: PipelineContext;
  let monthDirectory: string;
  let busyLsoa: string;
  const text = (file: string) => readFileSync(path.join(monthDirectory, file), 'utf8');

  beforeAll(async () => {
    fixture = createFixtureStore('istv-police-sections-');
    scenario = buildScenario();
    loadScenario(fixture, scenario);
    const busyFeature = scenario.boundaries.features.find((feature) => booleanPointInPolygon([scenario.busy.longitude, scenario.busy.latitude], feature))!;
    busyLsoa = String(busyFeature.properties!.LSOA11CD);
    // Police record violence evenly, 2 crimes a month in every LSOA: the busy pub's LSOA then has far more ED attendances than police crimes.
    writePoliceImports(
      fixture.store,
      monthsEnding(REPORT_MONTH, 12).map((month) => ({
        force: 'Metropolitan Police Service',
        month,
        fileName: `${month}-metropolitan-street.csv`,
        entryName: null,
        sha256: 'test',
        format: 'police.uk',
        importedAt: '2026-11-01T00:00:00Z',
        rowsRead: scenario.boundaries.features.length * 2,
        dropped: {},
        crimeTypes: ['Violence and sexual offences'],
        gazetteerVersion: null,
        crimes: scenario.boundaries.features.flatMap((feature): StoredPoliceCrime[] =>
          [1, 2].map(() => ({ month, lsoaCode: String(feature.properties!.LSOA11CD), longitude: null, latitude: null, location: 'On or near High Road', crimeType: 'Violence and sexual offences', outcome: null })),
        ),
      })),
    );
    const config = parseConfig({ dataDir: fixture.directory, areaName: 'Haringey', sites: SITES.map((site) => ({ ...site, longitude: -0.07, latitude: 51.6, extractDueDay: 10 })) }, fixture.directory, null);
    context = openPipelineContext(config, { quiet: true, now: () => new Date('2026-11-12T08:00:00Z') });
    await publishMonth(context, REPORT_MONTH, { lsoaBoundaries: scenario.boundaries, premises: scenario.premises, pdf: 'skip' });
    monthDirectory = path.join(context.dataDir.reports, REPORT_MONTH);
  }, 240_000);

  afterAll(() => {
    if (context) closePipelineContext(context);
    fixture?.close();
  });

  it('the police and public-health packs put ED beside police, with a map pair, and flag the busy LSOA as hidden violence', () => {
    for (const audience of ['police', 'public-health']) {
      const page = text(`${audience}/index.html`);
      const section = page.slice(page.indexOf('data-section="ed-police"'));
      expect(section).toContain('ED beside police');
      expect((section.split('</section>')[0]!.match(/data-map="lsoa"/g) ?? []).length).toBe(2);
      const hidden = section.slice(0, section.indexOf('Other LSOAs'));
      expect(hidden).toContain(busyLsoa);
    }
    const release = JSON.parse(text('public-health/release.json')) as { tables: Array<{ id: string }> };
    expect(release.tables.map((table) => table.id)).toEqual(expect.arrayContaining(['ed-police-lsoa', 'ed-police-ward']));
  });

  it('the police pack has Gi* for every LSOA in hotspots.csv and ranks premises by their share', () => {
    const lines = text('police/hotspots.csv').trimEnd().split('\r\n');
    expect(lines[0]).toBe('lsoa_code,count,gi_star_z,p_value,p_adjusted,hotspot,emerging');
    expect(lines).toHaveLength(scenario.boundaries.features.length + 1);
    const page = text('police/index.html');
    expect(page).toContain('data-section="hotspots"');
    const ranking = page.slice(page.indexOf('data-premises-ranking'));
    expect(ranking.indexOf(scenario.busy.name)).toBeGreaterThan(-1);
    expect(ranking.split('</table>')[0]).not.toContain(scenario.noAssaults.name);
  });

  it('alerts are in the packs, in alerts.json beside them, and read back for istv status', () => {
    const alerts = JSON.parse(text('alerts.json')) as { month: string; method: string; series: Array<{ scope: string; assessed: boolean }> };
    expect(alerts.month).toBe(REPORT_MONTH);
    expect(alerts.method).toContain('Farrington');
    expect(alerts.series[0]).toMatchObject({ scope: 'area', assessed: true });
    expect(alerts.series.some((entry) => entry.scope === 'premises')).toBe(true);
    expect(text('police/index.html')).toContain('data-section="alerts"');
    const publicHealth = text('public-health/index.html');
    expect(publicHealth).toContain('data-section="alerts"');
    expect(publicHealth).not.toContain(scenario.busy.name);
    expect(latestPublishedAlerts(context.dataDir.reports)?.month).toBe(REPORT_MONTH);
  });
});
