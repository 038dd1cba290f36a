/**
 * The maps and the open-data attribution on the demo data, read in real
 * Chromium: every map has its outlines, ward names, scale bar, a legend of
 * only the classes and marks that occur, and the share of assaults it shows;
 * every page, every CSV metadata file with a place column and every GeoJSON
 * file carries the attribution of the sources the demo's gazetteer was built from.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type DemoResult } from '../../src/pipeline/demo.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/report/render/pdf.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) console.warn(`Skipping the demo maps browser test: no Chromium at ${CHROMIUM_PATH} (Debian package "chromium")`);

const LATEST = '2026-10';

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe.skipIf(!haveChromium)('maps and attribution on the demo data, in Chromium', () => {
  let directory: string;
  let demo: DemoResult;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'istv-maps-demo-'));
    demo = await runDemo(path.join(directory, 'demo'), { pdf: 'skip' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  const monthDirectory = () => path.join(demo.dataDir, 'reports', LATEST);

  it.each(['police/index.html', 'public-health/index.html'])('%s: every map has outlines, ward names, a scale bar, an honest legend and its mapped share', async (relative) => {
    await page.goto(pathToFileURL(path.join(monthDirectory(), relative)).href);
    const maps = await page.$$eval('figure.map', (figures) =>
      figures.map((figure) => {
        const fills = new Set([...figure.querySelectorAll('path[data-lsoa]')].map((shape) => shape.getAttribute('fill')));
        const bar = figure.querySelector('g.scale-bar');
        const placement = figure.querySelector('[data-placement]');
        return {
          fills: [...fills],
          legend: [...figure.querySelectorAll('.map-legend-entry')].map((entry) => (entry.textContent ?? '').trim()),
          boroughLines: (figure.querySelector('path.borough-lines')?.getAttribute('d') ?? '').length,
          wardLines: (figure.querySelector('path.ward-lines')?.getAttribute('d') ?? '').length,
          wardLabels: [...figure.querySelectorAll('text.ward-label')].map((label) => label.getBoundingClientRect()),
          barMetres: Number(bar?.getAttribute('data-scale-metres') ?? 0),
          barWidth: bar?.getBoundingClientRect().width ?? 0,
          placement: placement?.textContent ?? '',
          mapped: placement?.getAttribute('data-mapped'),
          total: placement?.getAttribute('data-total'),
        };
      }),
    );
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      expect(map.boroughLines).toBeGreaterThan(100);
      expect(map.wardLines).toBeGreaterThan(100);
      expect(map.wardLabels.length).toBeGreaterThanOrEqual(4);
      // No two ward names overlap on screen.
      for (const [i, a] of map.wardLabels.entries()) for (const b of map.wardLabels.slice(i + 1)) expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false);
      expect([100, 200, 500, 1000, 2000, 5000, 10000]).toContain(map.barMetres);
      expect(map.barWidth).toBeGreaterThan(20);
      // One legend entry per fill in use: no empty class, no mark that is not on the map.
      expect(map.legend).toHaveLength(map.fills.length);
      expect(map.legend.some((entry) => /disclosure control/.test(entry))).toBe(map.fills.includes('url(#suppressed-hatch)'));
      expect(map.placement).toMatch(/^Mapped: [\d,]+ of [\d,]+ .* \(\d+ %\)/);
      expect(Number(map.mapped)).toBeLessThanOrEqual(Number(map.total));
    }
  });

  it('every ranking on the police page says how many assaults it stands on', async () => {
    await page.goto(pathToFileURL(path.join(monthDirectory(), 'police/index.html')).href);
    const rankings = await page.$$eval('h3', (headings) =>
      headings
        .filter((heading) => /LSOAs with the most|Streets|^Premises$/.test(heading.textContent ?? ''))
        .map((heading) => {
          let next = heading.nextElementSibling;
          while (next && !next.matches('[data-placement]') && next.tagName !== 'H3' && next.tagName !== 'H2') next = next.nextElementSibling;
          return next?.matches('[data-placement]') ? next.textContent : null;
        }),
    );
    expect(rankings).toHaveLength(3);
    for (const text of rankings) expect(text).toMatch(/^(Mapped|Ranked): [\d,]+ of [\d,]+/);
  });

  it('every page, CSV metadata file with a place column and GeoJSON file carries the attribution of the sources used', async () => {
    const files = filesUnder(monthDirectory());
    const pages = files.filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(4);
    for (const file of pages) {
      await page.goto(pathToFileURL(file).href);
      const text = await page.locator('[data-attribution]').innerText();
      // The demo's area is synthetic and says so; its postcodes file (a CSV, which cannot declare itself) is taken as Code-Point Open.
      expect(text, file).toContain('Synthetic sample data');
      expect(text, file).toContain('Royal Mail');
      expect(await page.locator('meta[name="open-data-attribution"]').getAttribute('content'), file).toContain('Synthetic sample data');
    }
    // Police data is shown beside ED data only in the police and public-health packs.
    expect(readFileSync(path.join(monthDirectory(), 'police', 'index.html'), 'utf8')).toContain('data.police.uk');
    expect(readFileSync(path.join(monthDirectory(), 'hospital', 'index.html'), 'utf8')).not.toContain('Source: data.police.uk');
    const geojson = files.filter((file) => file.endsWith('.geojson'));
    expect(geojson.length).toBeGreaterThan(0);
    for (const file of geojson) expect(JSON.parse(readFileSync(file, 'utf8')).attribution, file).toContain('Synthetic sample data');
    for (const file of files.filter((name) => name.endsWith('.csv'))) {
      const header = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0]!;
      if (!/(^|,|_)(lsoa|ward|street|premises|place)(_|,|$)/i.test(header)) continue;
      const metadata = JSON.parse(readFileSync(`${file}-metadata.json`, 'utf8'));
      expect(metadata['dc:rights'], file).toContain('Synthetic sample data');
    }
  });
});
