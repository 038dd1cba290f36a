/**
 * Reading a printed pack as its reader would, one page at a time (pdftotext
 * -f n -l n), and listing what is wrong with each page: no "Page n of m", no
 * protective marking, a heading left at the foot of a page without what it
 * heads, or a page holding nothing but the method box.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { LICENCE_LINE_META, LICENCE_LINE_PREFIX } from '../../src/report/attribution.ts';

export const PDFTOTEXT = '/usr/bin/pdftotext';
export const PDFINFO = '/usr/bin/pdfinfo';
export const canReadPdfPages = existsSync(PDFTOTEXT) && existsSync(PDFINFO);

export function pdfPageCount(pdf: string): number {
  const info = execFileSync(PDFINFO, [pdf], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(info);
  if (!pages) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(pages[1]);
}

/** The text of each page, as pdftotext reads it in reading order. */
export function pdfPageTexts(pdf: string): string[] {
  const count = pdfPageCount(pdf);
  return Array.from({ length: count }, (_, index) => execFileSync(PDFTOTEXT, ['-f', String(index + 1), '-l', String(index + 1), '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
}

function decode(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a page check needs from the HTML the PDF was printed from. */
export interface PrintedPage {
  marking: string;
  headings: string[];
  methodStatement: string;
  /** Whether the page names open-data licences, which then belong at the foot of every printed page. */
  licences: boolean;
}

export function printedPageOf(htmlFile: string): PrintedPage {
  const source = readFileSync(htmlFile, 'utf8');
  const marking = /<meta name="protective-marking" content="([^"]*)">/.exec(source)?.[1];
  const method = /<p class="method" data-method-statement>([\s\S]*?)<\/p>/.exec(source)?.[1];
  return {
    marking: marking === undefined ? '' : decode(marking),
    headings: [...source.matchAll(/<h[1-4][^>]*>([\s\S]*?)<\/h[1-4]>/g)].map((match) => decode(match[1]!)).filter(Boolean),
    methodStatement: method === undefined ? '' : decode(method),
    licences: source.includes(`<meta name="${LICENCE_LINE_META}"`),
  };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Every problem found on the pages of one PDF, each naming its page. */
export function pdfPageProblems(pages: string[], printed: PrintedPage): string[] {
  const problems: string[] = [];
  const headings = new Set(printed.headings.map(squash));
  pages.forEach((text, index) => {
    const number = index + 1;
    const where = `page ${number} of ${pages.length}`;
    if (!new RegExp(`Page ${number} of ${pages.length}\\b`).test(text)) problems.push(`${where}: no "Page ${number} of ${pages.length}"`);
    if (printed.marking === '' || !text.includes(printed.marking)) problems.push(`${where}: no protective marking${printed.marking ? ` "${printed.marking}"` : ''}`);
    if (printed.licences && !squash(text).includes(LICENCE_LINE_PREFIX)) problems.push(`${where}: no open-data licence line`);
    // The page's own content: its lines without the running header and footer.
    const lines = text
      .split('\n')
      .map((line) => squash(line.replace(/Page \d+ of \d+/g, '').replace(new RegExp(`${LICENCE_LINE_PREFIX}.*$`), '').split(printed.marking).join('')))
      .filter((line) => line !== '');
    if (lines.length === 0) {
      problems.push(`${where}: nothing on the page but its header and footer`);
      return;
    }
    // A heading may wrap over two lines: the last line, or the last two joined, must not be one.
    const last = lines.at(-1)!;
    const lastTwo = lines.length > 1 ? squash(`${lines.at(-2)!} ${last}`) : last;
    if (number < pages.length && (headings.has(last) || headings.has(lastTwo))) problems.push(`${where}: ends with the heading "${headings.has(last) ? last : lastTwo}" and nothing under it`);
    const rest = squash(lines.join(' ')).replace(squash(printed.methodStatement), '').replace(/\bMethod\b/, '').trim();
    if (printed.methodStatement !== '' && squash(lines.join(' ')).includes(squash(printed.methodStatement).slice(0, 40)) && rest === '') problems.push(`${where}: holds only the method box`);
  });
  return problems;
}
