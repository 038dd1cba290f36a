import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, openPdfPrinter } from '../../src/report/render/pdf.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) console.warn(`pdf printer: Chromium not found at ${CHROMIUM_PATH}; these tests are skipped (Debian package "chromium")`);

describe.skipIf(!haveChromium)('the PDF printer', () => {
  it('prints an HTML file of the pack to a PDF', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'istv-pdf-'));
    writeFileSync(path.join(root, 'page.html'), '<!doctype html><meta name="protective-marking" content="OFFICIAL"><title>t</title><h1>Assaults by month</h1>');
    const printer = await openPdfPrinter(root);
    try {
      await printer.print(path.join(root, 'page.html'), path.join(root, 'page.pdf'));
    } finally {
      await printer.close();
    }
    expect(readFileSync(path.join(root, 'page.pdf')).toString('latin1').startsWith('%PDF-')).toBe(true);
  });

  it('gives up on a page that never finishes loading, says which, and still closes', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'istv-pdf-'));
    writeFileSync(path.join(root, 'stuck.html'), '<!doctype html><title>t</title><script>for (;;) {}</script>');
    const printer = await openPdfPrinter(root, { printTimeoutMs: 2000 });
    try {
      await expect(printer.print(path.join(root, 'stuck.html'), path.join(root, 'stuck.pdf'))).rejects.toThrow('Chromium did not print stuck.html within 2 s');
    } finally {
      await printer.close();
    }
    expect(existsSync(path.join(root, 'stuck.pdf'))).toBe(false);
  }, 60_000);
});
