/**
 * Coverage on the demo data, read in real Chromium as a reader would see it.
 * The demo has one real refused file (RX2BB's March 2026 extract, whose header
 * lost its column names): March 2026 must name the missing site on the police,
 * licensing and public-health pages, and no trend or table may show 0 for a
 * month before the data starts (November 2025). `istv report` must refuse a
 * future month, and refuse a partial month unless told --allow-partial.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type DemoResult } from '../../src/pipeline/demo.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/report/render/pdf.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) console.warn(`Skipping the demo coverage browser test: no Chromium at ${CHROMIUM_PATH} (Debian package "chromium")`);

const REFUSED_MONTH = '2026-03';
const MISSING_SITE = { code: 'RX2BB', name: 'Easthaven Royal Infirmary' };
const FIRST_DATA_MONTH = '2025-11';
const LATEST = '2026-10';
const CLI = path.resolve('bin', 'istv.js');

describe.skipIf(!haveChromium)('coverage on the demo data, in Chromium', () => {
  let directory: string;
  let demo: DemoResult;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'istv-coverage-demo-'));
    demo = await runDemo(path.join(directory, 'demo'), { pdf: 'skip' });
    browser = await launchChromium();
    page = await browser.newPage();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  const open = async (month: string, relative: string) => {
    await page.goto(pathToFileURL(path.join(demo.dataDir, 'reports', month, relative)).href);
  };

  it('publishes every month with data, the refused month marked partial', () => {
    expect(demo.failedMonths).toEqual([]);
    const partial = demo.published.filter((summary) => summary.missingSites.length > 0);
    expect(partial.map((summary) => summary.month)).toEqual([REFUSED_MONTH]);
    expect(partial[0]!.missingSites).toEqual([{ siteCode: MISSING_SITE.code, siteName: MISSING_SITE.name, state: 'refused' }]);
  });

  it.each(['police/index.html', 'licensing/index.html', 'public-health/index.html', 'hospital/index.html'])('%s for the refused month names the missing site at the top', async (relative) => {
    await open(REFUSED_MONTH, relative);
    const statement = page.locator('[data-coverage]').first();
    expect(await statement.getAttribute('data-coverage')).toBe('partial');
    const text = await statement.innerText();
    expect(text).toContain(MISSING_SITE.name);
    expect(text).toContain(MISSING_SITE.code);
    expect(text).toMatch(/refused/);
    // It comes before any figure: the first thing on the page after the title.
    const order = await page.evaluate(() => {
      const coverage = document.querySelector('[data-coverage]')!;
      const firstTable = document.querySelector('main table, main svg')!;
      return coverage.compareDocumentPosition(firstTable) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
  });

  it('no comparison with the refused month is computed', async () => {
    await open(REFUSED_MONTH, 'police/index.html');
    const changes = await page.locator('table[data-change] tbody tr td:last-child').allInnerTexts();
    for (const change of changes) expect(change).toMatch(/^not comparable/);
    await open('2026-04', 'police/index.html');
    const april = await page.locator('table[data-change] tbody tr').first().innerText();
    expect(april).toMatch(/not comparable \(Mar 26 is partial: RX2BB missing\)/);
  });

  it('the hospital pack lists the refused file with its reason and what to fix', async () => {
    await open(REFUSED_MONTH, 'hospital/index.html');
    const refused = await page.locator(`[data-refused-files="${MISSING_SITE.code}"]`).innerText();
    expect(refused).toContain('RX2BB_2026-03.csv');
    expect(refused).toMatch(/header/i);
    expect(refused).toMatch(/column names/);
    // Its month reads as missing, never as 0 rows.
    const rowsTable = await page.locator(`section[data-site="${MISSING_SITE.code}"] table[data-table-id="dq-${MISSING_SITE.code}-rows"]`).innerText();
    expect(rowsTable).toMatch(/March 2026 \(file refused\)\s+no data/);
  });

  it.each(['police/index.html', 'public-health/index.html', 'licensing/index.html'])('%s: no trend or table shows 0 for a month before the data starts', async (relative) => {
    await open(LATEST, relative);
    const before = await page.evaluate((first) => {
      const shown: string[] = [];
      for (const cell of document.querySelectorAll<HTMLElement>('td[data-keys]')) {
        const keys = JSON.parse(cell.dataset.keys!) as Record<string, string>;
        if (keys.month !== undefined && keys.month !== '__total__' && keys.month < first) shown.push(`${cell.dataset.table} ${keys.month}: ${cell.innerText}`);
      }
      return shown;
    }, FIRST_DATA_MONTH);
    expect(before).toEqual([]);
    // The months before the data starts that a trend covers are said to have no data, in the table and in the chart.
    const noDataRows = await page.locator('tr[data-no-data-months]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.noDataMonths!.split(' ')));
    if (relative !== 'licensing/index.html') {
      expect(noDataRows.flat().every((month) => month < FIRST_DATA_MONTH)).toBe(true);
      expect(noDataRows.flat().length).toBeGreaterThan(0);
      expect(await page.locator('svg[data-chart="line"] [data-no-data]').count()).toBeGreaterThan(0);
    }
    // The "Before" column never reads 0 for a month without data: the same month last year and the twelve months before both precede the data.
    for (const row of [1, 2]) {
      const cells = await page.locator('table[data-change] tbody tr').nth(row).locator('td').allInnerTexts();
      if (cells.length > 0) {
        expect(cells[1]).toBe('no data');
        expect(cells[2]).toMatch(/not comparable/);
      }
    }
  });

  it('many-month analyses leave out the partial month: a missing hospital is not a cold spot or a low ED share', async () => {
    await open(REFUSED_MONTH, 'police/index.html');
    const edPolice = await page.locator('section[data-section="ed-police"] h2').innerText();
    expect(edPolice).not.toContain('March 2026');
    await open(REFUSED_MONTH, 'licensing/index.html');
    // The ranking says which months it counts, not the whole window the data does not reach.
    expect(await page.locator('section h2', { hasText: 'Premises with attributed assaults' }).first().innerText()).toMatch(/November 2025 to March 2026 \(the 5 of \d+ months with data\)/);
  });

  it('premises histories read "no data" for the months before the data starts, never 0', async () => {
    const premisesFolder = path.join(demo.dataDir, 'reports', LATEST, 'licensing', 'premises');
    const reports = readdirSync(premisesFolder).filter((name) => name.endsWith('.html'));
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports.slice(0, 5)) {
      await open(LATEST, `licensing/premises/${report}`);
      const cells = await page.evaluate((first) => {
        const early: string[] = [];
        for (const cell of document.querySelectorAll<HTMLElement>('td[data-keys]')) {
          const keys = JSON.parse(cell.dataset.keys!) as Record<string, string>;
          if (keys.month !== undefined && keys.month !== '__total__' && keys.month < first) early.push(cell.innerText);
        }
        return early;
      }, FIRST_DATA_MONTH);
      expect(cells).toEqual([]);
      const noData = await page.locator('tr[data-no-data-months]').first().innerText();
      expect(noData).toMatch(/no data/);
      expect(await page.locator('[data-data-period]').innerText()).toMatch(/12 have data/);
    }
  });

  it('istv report refuses a future month and a partial one without --allow-partial', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'report', '--config', demo.configFile, '--no-pdf', ...args], { encoding: 'utf8' });
    const future = run('--month', '2099-01');
    expect(future.status).toBe(2);
    expect(future.stderr).toMatch(/in the future/);
    const partial = run('--month', REFUSED_MONTH);
    expect(partial.status).toBe(4);
    expect(partial.stderr).toContain(MISSING_SITE.name);
    const noData = run('--month', '2025-06');
    expect(noData.status).toBe(4);
    expect(noData.stderr).toMatch(/No emergency department's extract/);
    const allowed = run('--month', REFUSED_MONTH, '--allow-partial');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/PARTIAL/);
  });
});
