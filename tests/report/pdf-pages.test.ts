/**
 * Printed packs read page by page: page numbers, the protective marking on
 * every page, no heading stranded at the foot of a page, no page holding only
 * the method box. The checker is tried on page texts first, then on a long
 * document printed by the real printer with the real stylesheet.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { html, renderDocument } from '../../src/report/render/html.ts';
import { CHROMIUM_PATH, openPdfPrinter } from '../../src/report/render/pdf.ts';
import { OFFICIAL, OFFICIAL_SENSITIVE, protectiveMarking } from '../../src/report/marking.ts';
import { reportSchema } from '../../src/config/report.ts';
import { canReadPdfPages, pdfPageProblems, pdfPageTexts, printedPageOf } from './pdf-pages.ts';

const printed = { marking: 'OFFICIAL-SENSITIVE', headings: ['Trend', 'Where: rates by LSOA'], methodStatement: 'Counts of 1 to 7 are suppressed (*) and all other counts are rounded to the nearest 5.', licences: false };
const furniture = (page: number, of: number) => `OFFICIAL-SENSITIVE\n`.concat('%BODY%', `\nOFFICIAL-SENSITIVE\nPage ${page} of ${of}\n`);
const pageText = (body: string, page: number, of: number) => furniture(page, of).replace('%BODY%', body);

describe('the page checker', () => {
  it.each([
    { name: 'a well-made page passes', pages: [pageText('Trend\nJan 12 14', 1, 2), pageText('Where: rates by LSOA\nmap\nMethod\n' + printed.methodStatement, 2, 2)], expected: [] },
    { name: 'a page without its number is named', pages: [pageText('Trend\nJan 12', 1, 1).replace('Page 1 of 1', '')], expected: ['page 1 of 1: no "Page 1 of 1"'] },
    { name: 'a page without the marking is named', pages: [`Trend\nJan 12\nPage 1 of 1\n`], expected: ['page 1 of 1: no protective marking "OFFICIAL-SENSITIVE"'] },
    { name: 'a heading at the foot of a page is named', pages: [pageText('Trend\nJan 12\nWhere: rates by LSOA', 1, 2), pageText('map\nMethod\n' + printed.methodStatement, 2, 2)], expected: ['page 1 of 2: ends with the heading "Where: rates by LSOA" and nothing under it'] },
    { name: 'a heading wrapped over two lines at the foot is named', pages: [pageText('Trend\nJan 12\nWhere: rates\nby LSOA', 1, 2), pageText('map', 2, 2)], expected: ['page 1 of 2: ends with the heading "Where: rates by LSOA" and nothing under it'] },
    { name: 'a page with only the method box is named', pages: [pageText('Trend\nJan 12', 1, 2), pageText('Method\nCounts of 1 to 7 are suppressed (*) and all other\ncounts are rounded to the nearest 5.', 2, 2)], expected: ['page 2 of 2: holds only the method box'] },
    { name: 'an empty page is named', pages: [pageText('Trend\nJan 12', 1, 2), pageText('', 2, 2)], expected: ['page 2 of 2: nothing on the page but its header and footer'] },
  ])('$name', ({ pages, expected }) => {
    expect(pdfPageProblems(pages, printed)).toEqual(expected);
  });
});

describe('the protective marking', () => {
  it.each([
    { name: 'unprotected content defaults to OFFICIAL-SENSITIVE', config: {}, unprotected: true, expected: OFFICIAL_SENSITIVE },
    { name: 'protected content defaults to OFFICIAL', config: {}, unprotected: false, expected: OFFICIAL },
    { name: 'the configured marking wins', config: { 'public-health': 'OFFICIAL-SENSITIVE' }, unprotected: false, expected: OFFICIAL_SENSITIVE },
  ])('$name', ({ config, unprotected, expected }) => {
    const parsed = reportSchema.parse({ protectiveMarking: config });
    expect(protectiveMarking(parsed.protectiveMarking, 'public-health', unprotected)).toBe(expected);
  });

  it('refuses a marking that is not written as one', () => {
    expect(() => reportSchema.parse({ protectiveMarking: { police: 'official <b>' } })).toThrow(/capitals/);
    expect(() => reportSchema.parse({ protectiveMarking: { polce: 'OFFICIAL' } })).toThrow();
  });
});

const canPrint = existsSync(CHROMIUM_PATH) && canReadPdfPages;
if (!canPrint) console.warn('pdf pages: Chromium or poppler-utils missing; the printed checks are skipped');

describe.skipIf(!canPrint)('a long document printed by the real printer', () => {
  it('numbers every page, marks every page, keeps headings with their content and the method box with the report', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'istv-pdf-pages-'));
    const row = (index: number) => html`<tr><th class="row">Row ${String(index)}</th><td>${String(index * 3)}</td></tr>`;
    const table = (rows: number) => html`<table><caption>Counts</caption><tbody>${Array.from({ length: rows }, (_, index) => row(index))}</tbody></table>`;
    // Sections of lengths that put headings near the foot of pages wherever the breaks fall.
    const sections = [9, 23, 5, 31, 14, 2, 27, 11, 19, 3, 25].map((rows, index) => html`<section><h2>Section ${String(index + 1)}</h2><p>About section ${String(index + 1)}.</p>${table(rows)}</section>`);
    const file = path.join(root, 'long.html');
    writeFileSync(file, renderDocument({ title: 'A long pack', subtitle: 'for the page checks', methodStatement: 'Counts are shown as recorded, without disclosure control.', marking: 'OFFICIAL-SENSITIVE', caveats: ['Counts are shown as recorded.'], body: html`${sections}` }));
    const printer = await openPdfPrinter(root);
    try {
      await printer.print(file, path.join(root, 'long.pdf'));
    } finally {
      await printer.close();
    }
    const pages = pdfPageTexts(path.join(root, 'long.pdf'));
    expect(pages.length).toBeGreaterThan(2);
    expect(pdfPageProblems(pages, printedPageOf(file))).toEqual([]);
  }, 60_000);

  it('refuses to print a page that carries no marking', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'istv-pdf-pages-'));
    writeFileSync(path.join(root, 'bare.html'), '<!doctype html><title>t</title><h1>Assaults</h1>');
    const printer = await openPdfPrinter(root);
    try {
      await expect(printer.print(path.join(root, 'bare.html'), path.join(root, 'bare.pdf'))).rejects.toThrow(/no protective marking/);
    } finally {
      await printer.close();
    }
  }, 60_000);
});
