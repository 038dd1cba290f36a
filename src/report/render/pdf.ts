/**
 * PDF printing through headless Chromium (Debian's `chromium` package) driven
 * by playwright-core. One browser serves a whole publish run; each page is
 * loaded from the HTML file on disk, so the PDF is exactly the HTML pack.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { LICENCE_LINE_META } from '../attribution.ts';
import { MARKING_META, printTemplates } from '../marking.ts';

export const CHROMIUM_PATH = process.env.ISTV_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Without the background-networking flags Chromium tries to reach Google at
 * start-up; istv runs on closed networks, and a pack must never depend on one.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install the Debian package "chromium" (or set ISTV_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The longest one page may take to load and print. A publish runs unattended on
 * a schedule; a Chromium that hangs must fail the run (the previous pack stays
 * published) rather than hold the job for ever. Pages print in well under a
 * second; this is for a browser that is stuck.
 */
export const PRINT_TIMEOUT_MS = 120_000;

export interface PdfPrinterOptions {
  printTimeoutMs?: number;
}

export interface PdfPrinter {
  print(htmlFile: string, pdfFile: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A printer for the HTML files under `root`. One page is reused for every file
 * (opening a page costs more than printing one on a busy machine), and every
 * request outside `root` is refused: a pack is self-contained, and printing
 * it proves that.
 */
export async function openPdfPrinter(root: string, options: PdfPrinterOptions = {}): Promise<PdfPrinter> {
  const timeoutMs = options.printTimeoutMs ?? PRINT_TIMEOUT_MS;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const allowed = pathToFileURL(root).href;
    await page.route('**/*', (route) => (route.request().url().startsWith(allowed) ? route.continue() : route.abort()));
    const printPage = async (htmlFile: string, pdfFile: string) => {
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: timeoutMs });
      // The marking is the page's own (renderDocument writes it): a PDF never carries one its HTML does not.
      const metaContent = (name: string) => page.evaluate((meta) => document.querySelector(`meta[name="${meta}"]`)?.getAttribute('content') ?? null, name);
      const marking = await metaContent(MARKING_META);
      const licences = await metaContent(LICENCE_LINE_META);
      if (!marking) throw new Error(`${path.basename(htmlFile)} has no protective marking (<meta name="${MARKING_META}">): every printed pack must carry one`);
      await page.pdf({
        path: pdfFile,
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        ...printTemplates(marking, licences),
        margin: { top: '16mm', bottom: licences ? '20mm' : '16mm', left: '12mm', right: '12mm' },
      });
    };
    return {
      async print(htmlFile, pdfFile) {
        const printing = printPage(htmlFile, pdfFile);
        // Once the timeout wins, the abandoned print fails when the browser closes: nobody waits for it.
        printing.catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Chromium did not print ${path.basename(htmlFile)} within ${timeoutMs / 1000} s`)), timeoutMs);
        });
        try {
          await Promise.race([printing, timeout]);
        } finally {
          clearTimeout(timer);
        }
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
