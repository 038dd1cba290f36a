/**
 * The public-health pack says what each rate divides by what, over a real
 * store and real Haringey geography: with no population the map shows counts
 * under a counts heading, never "rates"; with part of the population the
 * LSOAs without one are named; rates by residence appear only when records
 * carry a residence LSOA, with how many do; repeat counts come after how many
 * attendances could be linked at all; ward rows name their borough.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { createFixtureStore, type FixtureStore } from './fixtures.ts';
import { buildScenario, haveSharedData, loadScenario, REPORT_MONTH, SITES, type Scenario } from './scenario.ts';

/** The page's text, tags dropped, for reading sentences as the reader does. */
function text(page: string): string {
  return page.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/\s+/g, ' ');
}

function withPopulation(boundaries: FeatureCollection<Polygon | MultiPolygon>, keep: (code: string, index: number) => boolean): FeatureCollection<Polygon | MultiPolygon> {
  return {
    ...boundaries,
    features: boundaries.features.map((feature, index) => {
      const properties = { ...feature.properties };
      if (!keep(String(properties.LSOA11CD), index)) delete properties.USUALRES;
      return { ...feature, properties };
    }),
  };
}

describe.skipIf(!haveSharedData)('the public-health pack: rates and what they stand on', () => {
  let fixture: FixtureStore;
  let scenario: Scenario;
  let context: PipelineContext;
  const page = () => readFileSync(path.join(context.dataDir.reports, REPORT_MONTH, 'public-health', 'index.html'), 'utf8');

  beforeAll(() => {
    fixture = createFixtureStore('istv-ph-rates-');
    scenario = buildScenario();
    loadScenario(fixture, scenario);
    const config = parseConfig({ dataDir: fixture.directory, areaName: 'Haringey', sites: SITES.map((site) => ({ ...site, longitude: -0.07, latitude: 51.6, extractDueDay: 10 })) }, fixture.directory, null);
    context = openPipelineContext(config, { quiet: true, now: () => new Date('2026-11-12T08:00:00Z') });
  });

  afterAll(() => {
    if (context) closePipelineContext(context);
    fixture?.close();
  });

  it('with no population, the map shows counts under a counts heading, and no rate by residence without residence data', async () => {
    await publishMonth(context, REPORT_MONTH, { lsoaBoundaries: withPopulation(scenario.boundaries, () => false), premises: scenario.premises, pdf: 'skip' });
    const html = page();
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1]!);
    expect(headings).toContain('Where assaults happened: counts by LSOA');
    expect(headings.filter((heading) => /rate/i.test(heading))).toEqual([]);
    expect(html).toContain('data-no-population');
    expect(text(html)).toContain('so the map and table show counts of attendances, not rates');
    expect(html).toContain('data-no-residence');
    const geojson = JSON.parse(readFileSync(path.join(context.dataDir.reports, REPORT_MONTH, 'public-health', 'lsoa-rates.geojson'), 'utf8')) as { title: string };
    expect(geojson.title).toMatch(/\(counts\)$/);
  }, 600_000);

  it('with part of the population and residence LSOAs on some records: both rates, each labelled, the LSOAs without population named', async () => {
    // Residence LSOA for about two records in three, as the de-identify stage would derive it from a patient postcode.
    fixture.store.prepare(`UPDATE records SET residence_lsoa = lsoa_code WHERE lsoa_code IS NOT NULL AND id % 3 <> 0`).run();
    const missing = scenario.boundaries.features.slice(0, 3).map((feature) => String(feature.properties!.LSOA11CD));
    await publishMonth(context, REPORT_MONTH, { lsoaBoundaries: withPopulation(scenario.boundaries, (code) => !missing.includes(code)), premises: scenario.premises, pdf: 'skip' });
    const html = page();
    const read = text(html);
    expect(html).toContain('<h2>Where assaults happened: rates by place of assault</h2>');
    expect(html).toContain('<h2>Where patients live: rates by residence</h2>');
    expect(read).toContain('Rate by place of assault: attendances per 1,000 residents of the LSOA where the assault happened');
    expect(read).toContain("Rate by residence: attendances per 1,000 residents of the patient's LSOA");
    const note = /No population is stored for 3 of \d+ LSOAs, which are left without a rate: ([^.]*)\./.exec(read);
    expect(note, 'the note naming LSOAs without population').not.toBeNull();
    for (const code of missing) expect(note![1]).toContain(code);
    expect(read).toMatch(/\S+ of \S+ attendances of .* have no LSOA of residence in the area/);
    expect(html).toContain('data-rates="residence-lsoa"');
    expect(html).toContain('data-rates="lsoa-12-months"');
  }, 600_000);

  it('states how many attendances could be linked before any repeat count, and names the borough of every ward', () => {
    const html = page();
    const read = text(html);
    const linkage = read.indexOf('attendances could be linked');
    const repeats = read.indexOf('People by number of attendances, among the');
    expect(linkage).toBeGreaterThan(0);
    expect(repeats).toBeGreaterThan(linkage);
    expect(read).toMatch(/In .*?, \S+ of \S+ attendances could be linked/);
    const wardTable = /<table data-table-id="ward-weapon"[\s\S]*?<\/table>/.exec(html)![0];
    const wardRows = [...wardTable.matchAll(/<th class="row" scope="row">([^<]*)<\/th>/g)].map((match) => match[1]!).filter((label) => label !== 'Total' && label !== 'Location not placed');
    expect(wardRows.length).toBeGreaterThan(10);
    for (const row of wardRows) expect(row).toMatch(/\(Haringey\)$/);
  });
});
