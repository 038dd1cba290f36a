/**
 * publishMonth end to end over a real store and real Haringey geography: every
 * pack is written, each HTML is opened in headless Chromium, its map is
 * checked shape by shape against the LSOA boundaries and its numbers cell by
 * cell against the release and the store.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/config/disclosure.ts';
import { parseConfig } from '../../src/config/load.ts';
import { TOTAL, type ProtectedRelease } from '../../src/disclose/types.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { premisesFileName } from '../../src/report/licensing/pack.ts';
import { publishMonth, type PublishSummary } from '../../src/report/publish.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/report/render/pdf.ts';
import { createFixtureStore, type FixtureStore } from './fixtures.ts';
import { canReadPdfPages, pdfPageProblems, pdfPageTexts, printedPageOf } from './pdf-pages.ts';
import { buildScenario, haveSharedData, loadScenario, REPORT_MONTH, SITES, type Scenario } from './scenario.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) console.warn(`Skipping the browser and PDF checks: no Chromium at ${CHROMIUM_PATH} (Debian package "chromium")`);

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).map((file) => path.join(directory, file)).filter((file) => statSync(file).isFile());
}

/** The true count behind a core-table cell, counted here with SQL of its own rather than through src/aggregate. */
function storeCount(fixture: FixtureStore, keys: Record<string, string>): number {
  const conditions = ['assault_month = ?'];
  const parameters: string[] = [keys.month === TOTAL || keys.month === undefined ? REPORT_MONTH : keys.month];
  if (keys.lsoa !== undefined && keys.lsoa !== TOTAL) {
    if (keys.lsoa === 'unplaced') conditions.push('lsoa_code IS NULL');
    else {
      conditions.push('lsoa_code = ?');
      parameters.push(keys.lsoa);
    }
  }
  if (keys.weapon !== undefined && keys.weapon !== TOTAL) {
    conditions.push('weapon = ?');
    parameters.push(keys.weapon);
  }
  const row = fixture.store.prepare(`SELECT COUNT(*) AS n FROM current_records WHERE ${conditions.join(' AND ')}`).get(...parameters) as { n: number };
  return row.n;
}

interface ShownCell {
  table: string;
  keys: Record<string, string>;
  text: string;
}

describe.skipIf(!haveSharedData)('publishMonth over a real store and real Haringey geography', () => {
  let fixture: FixtureStore;
  let scenario: Scenario;
  let context: PipelineContext;
  let summary: PublishSummary;
  let browser: Browser | null = null;
  let monthDirectory: string;
  const lsoaCodes = () => scenario.boundaries.features.map((feature) => String(feature.properties!.LSOA11CD));
  const release = (audience: string) => JSON.parse(readFileSync(path.join(monthDirectory, audience, audience === 'core' ? 'lsoa-weapon.json' : 'release.json'), 'utf8')) as ProtectedRelease;

  beforeAll(async () => {
    fixture = createFixtureStore('istv-publish-');
    scenario = buildScenario();
    loadScenario(fixture, scenario);
    const config = parseConfig(
      { dataDir: fixture.directory, areaName: 'Haringey', sites: SITES.map((site) => ({ ...site, longitude: -0.07, latitude: 51.6, extractDueDay: 10 })) },
      fixture.directory,
      null,
    );
    context = openPipelineContext(config, { quiet: true, now: () => new Date('2026-11-12T08:00:00Z') });
    summary = await publishMonth(context, REPORT_MONTH, { lsoaBoundaries: scenario.boundaries, premises: scenario.premises, pdf: haveChromium ? 'required' : 'skip' });
    monthDirectory = path.join(context.dataDir.reports, REPORT_MONTH);
    if (haveChromium) browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (context) closePipelineContext(context);
    fixture?.close();
  });

  it('writes a pack for every audience, and the core month × LSOA × weapon table as CSV and JSON', () => {
    expect(summary.audiences.map((entry) => entry.audience)).toEqual(['police', 'licensing', 'public-health', 'hospital', 'core']);
    for (const file of ['police/index.html', 'police/records.csv', 'police/records.geojson', 'licensing/index.html', 'licensing/index.csv', 'public-health/index.html', 'public-health/lsoa-rates.geojson', 'hospital/index.html', 'core/lsoa-weapon.csv', 'core/lsoa-weapon.json', 'core/lsoa-weapon.csv-metadata.json']) {
      expect(existsSync(path.join(monthDirectory, file)), file).toBe(true);
    }
    const lines = readFileSync(path.join(monthDirectory, 'core', 'lsoa-weapon.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('month,month_label,lsoa,lsoa_label,weapon,weapon_label,value,display,status');
    // Every LSOA (and "unplaced", and the total) × every weapon (and the total), for the one month and its total.
    expect(lines.length - 1).toBe(2 * (lsoaCodes().length + 2) * 9);
  });

  it('the core table obeys the public-health rule: 1-7 never shown, the rest within 2 of the store count and a multiple of 5', () => {
    const core = release('core').tables[0]!;
    let checked = 0;
    for (const cell of core.cells) {
      if (cell.keys.month === TOTAL) continue;
      const truth = storeCount(fixture, cell.keys);
      if (truth >= 1 && truth <= 7) expect(cell.value, JSON.stringify(cell.keys)).toBeNull();
      if (cell.value !== null) {
        expect(Math.abs(cell.value - truth)).toBeLessThanOrEqual(2);
        expect(cell.value % 5).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('every output carries the method statement', () => {
    for (const audience of ['police', 'licensing', 'public-health', 'hospital']) {
      const statement = release(audience).methodStatement;
      expect(statement.length).toBeGreaterThan(20);
      expect(readFileSync(path.join(monthDirectory, audience, 'index.html'), 'utf8')).toContain('data-method-statement');
      for (const metadata of filesUnder(path.join(monthDirectory, audience)).filter((file) => file.endsWith('.csv-metadata.json'))) {
        expect(JSON.parse(readFileSync(metadata, 'utf8'))['dc:description']).toBe(statement);
      }
    }
    expect(JSON.parse(readFileSync(path.join(monthDirectory, 'police', 'records.geojson'), 'utf8')).method_statement).toBe(release('police').methodStatement);
  });

  it('police records carry no demographics or free text, and open as WGS84 points', () => {
    const header = readFileSync(path.join(monthDirectory, 'police', 'records.csv'), 'utf8').split('\r\n')[0]!;
    expect(header).toBe('ref,assault_date,assault_hour,weekday,weapon,location_type,geocode_outcome,place_name,lsoa_code,ward_code,longitude,latitude');
    const geojson = JSON.parse(readFileSync(path.join(monthDirectory, 'police', 'records.geojson'), 'utf8'));
    const placed = fixture.store.prepare(`SELECT COUNT(*) AS n FROM current_records WHERE assault_month = ? AND longitude IS NOT NULL AND location_type <> 'home'`).get(REPORT_MONTH) as { n: number };
    expect(geojson.features.length).toBe(placed.n);
    for (const feature of geojson.features) {
      const [longitude, latitude] = feature.geometry.coordinates;
      expect(longitude).toBeGreaterThan(-0.2);
      expect(longitude).toBeLessThan(0);
      expect(latitude).toBeGreaterThan(51.55);
      expect(latitude).toBeLessThan(51.62);
      expect(Object.keys(feature.properties)).not.toContain('age_band');
    }
  });

  it('a premises with no attributed assault gets no report and is named nowhere', () => {
    const licensing = path.join(monthDirectory, 'licensing');
    expect(existsSync(path.join(licensing, 'premises', `${premisesFileName(scenario.noAssaults.id)}.html`))).toBe(false);
    for (const file of filesUnder(licensing).filter((name) => !name.endsWith('.pdf'))) {
      expect(readFileSync(file, 'utf8'), file).not.toContain(scenario.noAssaults.name);
    }
  });

  it('a premises with two assaults is shown under the licensing policy, and not leaked into the public-health pack', () => {
    const report = readFileSync(path.join(monthDirectory, 'licensing', 'premises', `${premisesFileName(scenario.twoAssaults.id)}.html`), 'utf8');
    expect(report).toContain(scenario.twoAssaults.name.replace(/&/g, '&#38;').replace(/'/g, '&#39;'));
    const monthly = release('licensing').tables.find((table) => table.id === 'premises-month')!;
    const total = monthly.cells.find((cell) => cell.keys.premises === scenario.twoAssaults.id && cell.keys.month === TOTAL)!;
    expect(total.display).toBe('2');
    for (const file of filesUnder(path.join(monthDirectory, 'public-health'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(scenario.twoAssaults.name);
      expect(text, file).not.toContain(scenario.twoAssaults.id);
    }
  });

  it('the hospital feedback gives each site its rows accepted and rejected as the extracts table holds them', () => {
    const tables = new Map(release('hospital').tables.map((table) => [table.id, table]));
    for (const site of SITES) {
      const rows = tables.get(`dq-${site.code}-rows`)!;
      const extract = fixture.store.prepare(`SELECT rows_accepted, rows_rejected FROM extracts WHERE site_code = ? AND period = ? AND status = 'current'`).get(site.code, REPORT_MONTH) as { rows_accepted: number; rows_rejected: number };
      const shown = (outcome: string) => rows.cells.find((cell) => cell.keys.month === REPORT_MONTH && cell.keys.outcome === outcome)!.value;
      expect([shown('accepted'), shown('rejected')]).toEqual([extract.rows_accepted, extract.rows_rejected]);
    }
    const page = readFileSync(path.join(monthDirectory, 'hospital', 'index.html'), 'utf8');
    for (const site of SITES) expect(page).toContain(`data-site="${site.code}"`);
  });

  it.skipIf(!haveChromium)('every pack has a PDF with pages', () => {
    const pdfs = [
      'police/index.pdf',
      'public-health/index.pdf',
      'hospital/index.pdf',
      'licensing/index.pdf',
      `licensing/premises/${premisesFileName(scenario.busy.id)}.pdf`,
      `licensing/premises/${premisesFileName(scenario.twoAssaults.id)}.pdf`,
    ];
    for (const pdf of pdfs) {
      const bytes = readFileSync(path.join(monthDirectory, pdf)).toString('latin1');
      expect(bytes.startsWith('%PDF-'), pdf).toBe(true);
      expect(bytes.match(/\/Type\s*\/Page\b/g)?.length ?? 0, pdf).toBeGreaterThan(0);
    }
    expect(summary.pdfs).toBe(4 + readdirSync(path.join(monthDirectory, 'licensing', 'premises')).filter((name) => name.endsWith('.html')).length);
  });

  it.skipIf(!haveChromium || !canReadPdfPages)('every PDF, read page by page, has "Page n of m", its marking, no stranded heading and no page of only the method box', () => {
    const pdfs = filesUnder(monthDirectory).filter((file) => file.endsWith('.pdf'));
    expect(pdfs.length).toBe(summary.pdfs);
    const problems = pdfs.flatMap((pdf) => pdfPageProblems(pdfPageTexts(pdf), printedPageOf(pdf.replace(/\.pdf$/, '.html'))).map((problem) => `${path.relative(monthDirectory, pdf)} ${problem}`));
    expect(problems).toEqual([]);
    // Record-level and unprotected packs are OFFICIAL-SENSITIVE by default; the public-health pack (HES rule) is OFFICIAL.
    expect(printedPageOf(path.join(monthDirectory, 'police', 'index.html')).marking).toBe('OFFICIAL-SENSITIVE');
    expect(printedPageOf(path.join(monthDirectory, 'hospital', 'index.html')).marking).toBe('OFFICIAL-SENSITIVE');
    expect(printedPageOf(path.join(monthDirectory, 'public-health', 'index.html')).marking).toBe('OFFICIAL');
  });

  describe.skipIf(!haveChromium)('in headless Chromium', () => {
    const pages = ['police/index.html', 'licensing/index.html', 'public-health/index.html', 'hospital/index.html'];

    it.each(['police/index.html', 'public-health/index.html'])('%s: the map has one shape per LSOA', async (file) => {
      const page = await browser!.newPage();
      await page.goto(`file://${path.join(monthDirectory, file)}`);
      const codes = await page.$$eval('svg[data-map] path[data-lsoa]', (paths) => paths.map((shape) => [shape.getAttribute('data-lsoa'), shape.getBoundingClientRect().width] as const));
      expect(codes.map(([code]) => code).sort()).toEqual([...lsoaCodes()].sort());
      // Every shape is drawn with a size: a ring wound the wrong way would fill the globe or vanish.
      for (const [, width] of codes) expect(width).toBeGreaterThan(0);
      await page.close();
    });

    it.each(pages)('%s: every number shown equals the release, and the screenshot is saved', async (file) => {
      const audience = file.split('/')[0]!;
      const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
      const blocked: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file://')) blocked.push(request.url());
      });
      await page.goto(`file://${path.join(monthDirectory, file)}`);
      const shown: ShownCell[] = await page.$$eval('[data-table][data-keys]', (cells) =>
        cells.map((cell) => ({ table: cell.getAttribute('data-table')!, keys: JSON.parse(cell.getAttribute('data-keys')!), text: (cell.textContent ?? '').trim() })),
      );
      expect(shown.length).toBeGreaterThan(10);
      const tables = new Map(release(audience).tables.map((table) => [table.id, table]));
      const signatureOf = (tableId: string, keys: Record<string, string>) => JSON.stringify([tableId, ...tables.get(tableId)!.dimensions.map((dimension) => keys[dimension.name])]);
      const releaseCells = new Map(release(audience).tables.flatMap((table) => table.cells.map((candidate) => [signatureOf(table.id, candidate.keys), candidate] as const)));
      for (const cell of shown) {
        expect(tables.has(cell.table), cell.table).toBe(true);
        const inRelease = releaseCells.get(signatureOf(cell.table, cell.keys));
        expect(inRelease, signatureOf(cell.table, cell.keys)).toBeDefined();
        expect(cell.text).toBe(inRelease!.display);
        // Where the table is the core table (police: no disclosure control), the number is the store's own count.
        if (cell.table === 'lsoa-weapon' && inRelease!.status === 'published') expect(Number(cell.text)).toBe(storeCount(fixture, cell.keys));
      }
      expect(blocked).toEqual([]);
      const screenshot = path.join(fixture.directory, `${audience}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
      await page.close();
    });
  });

  it('a revised publish replaces the month atomically and is marked "Revised"', async () => {
    const before = readdirSync(path.join(context.dataDir.reports, '.packs')).filter((name) => name.startsWith(REPORT_MONTH));
    context.now = () => new Date('2026-11-20T08:00:00Z');
    const revised = await publishMonth(context, REPORT_MONTH, { lsoaBoundaries: scenario.boundaries, premises: scenario.premises, pdf: 'skip', revised: true });
    expect(revised.revised).toBe(true);
    const page = readFileSync(path.join(monthDirectory, 'police', 'index.html'), 'utf8');
    expect(page).toContain('Revised: this pack was produced on 2026-11-20');
    expect(page).toContain('replaces the pack produced on 2026-11-12');
    const after = readdirSync(path.join(context.dataDir.reports, '.packs')).filter((name) => name.startsWith(REPORT_MONTH));
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  }, 120_000);

  it('a publish that fails part-way leaves the previous packs as they were', async () => {
    const manifest = readFileSync(path.join(monthDirectory, 'manifest.json'), 'utf8');
    (context.config as unknown as { report: unknown }).report = { licensing: { months: 48, nearPremisesMetres: 50 } };
    try {
      await expect(publishMonth(context, REPORT_MONTH, { lsoaBoundaries: scenario.boundaries, pdf: 'skip' })).rejects.toThrow('Unexpected licensing months value: 48');
    } finally {
      delete (context.config as unknown as { report?: unknown }).report;
    }
    expect(readFileSync(path.join(monthDirectory, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(readdirSync(path.join(context.dataDir.reports, '.packs')).filter((name) => name.startsWith(REPORT_MONTH))).toHaveLength(1);
  });

  it('under a police policy that protects counts, the police pack has protected tables and no record-level data', async () => {
    const disclosure = context.config.disclosure;
    context.config.disclosure = { ...disclosure, police: disclosurePolicy({ method: 'threshold_suppression', threshold: 10 }) };
    try {
      await publishMonth(context, REPORT_MONTH, { lsoaBoundaries: scenario.boundaries, premises: scenario.premises, pdf: 'skip' });
    } finally {
      context.config.disclosure = disclosure;
    }
    const police = path.join(monthDirectory, 'police');
    expect(['records.csv', 'records.geojson', 'records.csv-metadata.json'].filter((file) => existsSync(path.join(police, file)))).toEqual([]);
    expect(readFileSync(path.join(police, 'index.html'), 'utf8')).toContain('data-no-records');
    const core = release('police').tables.find((table) => table.id === 'lsoa-weapon')!;
    expect(core.cells.some((cell) => cell.status === 'primary_suppressed')).toBe(true);
    for (const cell of core.cells) if (cell.value !== null && cell.value > 0) expect(cell.value).toBeGreaterThanOrEqual(10);
  });
});
