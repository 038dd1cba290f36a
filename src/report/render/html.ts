/**
 * Self-contained HTML: inline CSS, inline SVG, no script, no external
 * reference, so a pack opens the same from a USB stick, an email attachment
 * or a council intranet, and prints to PDF as it looks on screen.
 */
import { TOTAL, type ProtectedTable } from '../../disclose/types.ts';
import { monthLabel, shortMonthLabel } from '../../aggregate/months.ts';
import { ProtectedTableIndex } from '../protected-table.ts';
import { MARKING_META } from '../marking.ts';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Tagged template that escapes interpolated strings; `Html` values pass through as they are. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type HtmlValue = string | number | Html | null | undefined | HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value instanceof Html) return value.text;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  return new Html(strings.reduce((result, part, index) => result + part + (index < values.length ? renderValue(values[index]!) : ''), ''));
}

const STYLE = `
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --accent: #003f7f; --warn: #8a3b00; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 16px; }
h1 { font-size: 24px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 2px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.subtitle { color: var(--muted); margin: 0 0 12px; }
.revised { background: #fff3cd; border: 1px solid #e0b000; padding: 8px 12px; font-weight: 600; }
.method { background: #f4f6f9; border-left: 4px solid var(--accent); padding: 8px 12px; font-size: 13px; }
.caveats li { margin-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 12.5px; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; text-align: right; }
th { background: #eef1f5; font-weight: 600; }
th.row { text-align: left; font-weight: normal; background: #fafafa; }
tr.total th, tr.total td, td.total { font-weight: 600; background: #f4f4f4; }
td.suppressed { color: var(--warn); }
td.nodata { color: var(--muted); font-style: italic; background: #f7f7f7; }
.coverage { border: 1px solid var(--rule); padding: 6px 12px; margin: 8px 0 12px; }
.coverage.partial { background: #fff3cd; border-color: #e0b000; }
.coverage ul { margin: 4px 0; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
figure { margin: 8px 0 16px; }
figcaption { color: var(--muted); font-size: 12.5px; }
svg text { font-family: system-ui, Arial, sans-serif; }
.small { font-size: 12px; color: var(--muted); }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
section.premises { page-break-before: always; }
table.wide { font-size: 10.5px; }
table.wide th, table.wide td { padding: 2px 3px; }
.marking { text-align: center; font-weight: 700; letter-spacing: 0.5px; font-size: 12px; margin: 0 0 8px; }
footer .marking { margin-top: 16px; }
@media print {
  body { padding: 0; max-width: none; }
  table.wide { font-size: 7px; }
  table.wide th.row { max-width: 90px; }
  /* Chromium prints the marking and page numbers on every page (src/report/marking.ts). */
  .marking { display: none; }
  /* A heading stays with what follows it; a table, figure or short block is never cut. */
  h1, h2, h3, caption, .keep-with-next { break-after: avoid; page-break-after: avoid; }
  table, figure, .method, .keep-together, li { break-inside: avoid; page-break-inside: avoid; }
  /*
   * The caveats and the method are one block, never split, so the method box
   * never stands alone on a page. (break-before: avoid on it as well made
   * Chromium give up the break-inside rule instead.)
   */
  footer { break-inside: avoid; page-break-inside: avoid; }
}
`;

export interface DocumentOptions {
  title: string;
  subtitle: string;
  methodStatement: string;
  /**
   * The caveats, printed with the method at the end of the document and kept on
   * one page with it, so the method box never stands alone on a page.
   */
  caveats: string[];
  /** Protective marking shown at the top and foot of the page and of every printed page (src/report/marking.ts). */
  marking: string;
  /** When set, the pack is marked as revised with this reason. */
  revised?: string | null;
  body: Html;
}

export function renderDocument(options: DocumentOptions): string {
  const page = html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="${MARKING_META}" content="${options.marking}">
<title>${options.title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<p class="marking" data-marking>${options.marking}</p>
<header>
<h1>${options.title}</h1>
<p class="subtitle">${options.subtitle}</p>
${options.revised ? html`<p class="revised" data-revised>Revised: ${options.revised}</p>` : ''}
</header>
<main>
${options.body}
</main>
<footer>
${options.caveats.length > 0 ? html`<h2>Caveats</h2>${renderCaveats(options.caveats)}` : ''}
<h2>Method</h2>
<p class="method" data-method-statement>${options.methodStatement}</p>
<p class="marking">${options.marking}</p>
</footer>
</body>
</html>
`;
  return page.text;
}

export interface TableLayout {
  /** Dimension down the side. */
  rows: string;
  /** Dimension across the top; omitted for a one-way table. */
  columns?: string;
  /** Values for the other dimensions (default: their total). */
  fixed?: Record<string, string>;
  /** Row values to show, in order (default: all, in the dimension's order). */
  rowValues?: string[];
  caption?: string;
  /** Leave out the total row (e.g. for a ranking that is only the top few). */
  withoutTotalRow?: boolean;
  /** Column values to show, in order (default: all). */
  columnValues?: string[];
  /**
   * A note beside a month (from the coverage: "partial: …", "no data"). A month
   * asked for in rowValues or columnValues that the table does not have is a
   * month without data: its cells read "no data", never 0.
   */
  monthNote?: (month: string) => string | null;
}

export const NO_DATA = 'no data';

/**
 * A protected table as an HTML table. Every number cell carries the table id
 * and its full keys (`data-table`, `data-keys`) and its disclosure status, so
 * what is shown can be checked against the release, cell by cell.
 */
export function renderTable(table: ProtectedTable, layout: TableLayout): Html {
  const index = new ProtectedTableIndex(table);
  const rowDimension = index.dimension(layout.rows);
  const columnDimension = layout.columns ? index.dimension(layout.columns) : null;
  const shownColumns = columnDimension ? (layout.columnValues ?? columnDimension.values) : [];
  const columnValues = columnDimension ? [...shownColumns, TOTAL] : [TOTAL];
  const rowValues = [...(layout.rowValues ?? rowDimension.values), ...(layout.withoutTotalRow ? [] : [TOTAL])];
  // Many columns (months, usually) print at A4 width only with short headers and small type.
  const wide = columnValues.length > 12;
  const note = (dimensionName: string, value: string) => (dimensionName === 'month' && value !== TOTAL ? (layout.monthNote?.(value) ?? null) : null);
  const labelOf = (dimensionName: string, value: string, short: boolean) => {
    const isMonth = dimensionName === 'month' && value !== TOTAL;
    const label = isMonth && short ? shortMonthLabel(value) : isMonth && !index.dimension('month').values.includes(value) ? monthLabel(value) : index.labelOf(dimensionName, value);
    const extra = note(dimensionName, value);
    return extra && extra !== NO_DATA ? `${label} (${extra})` : label;
  };
  const columnLabel = (value: string) => labelOf(columnDimension!.name, value, wide);
  const cell = (rowValue: string, columnValue: string) => {
    const keys = index.keysOf({ ...layout.fixed, [rowDimension.name]: rowValue, ...(columnDimension ? { [columnDimension.name]: columnValue } : {}) });
    if (!index.has(keys)) return html`<td class="nodata" data-no-data="${JSON.stringify(keys)}">${NO_DATA}</td>`;
    const found = index.cell(keys);
    const classes = [found.value === null ? 'suppressed' : '', columnValue === TOTAL ? 'total' : ''].filter(Boolean).join(' ');
    return html`<td class="${classes}" data-table="${table.id}" data-keys="${JSON.stringify(keys)}" data-status="${found.status}">${found.display}</td>`;
  };
  return html`<table data-table-id="${table.id}" class="${wide ? 'wide' : ''}">
<caption>${layout.caption ?? table.title}</caption>
<thead><tr><th>${rowDimension.label}</th>${columnDimension ? shownColumns.map((value) => html`<th>${columnLabel(value)}</th>`) : ''}<th>${columnDimension ? 'Total' : 'Count'}</th></tr></thead>
<tbody>
${noDataRuns(rowValues, (value) => value !== TOTAL && !rowDimension.values.includes(value)).map((run) =>
  run.missing
    ? html`<tr class="nodata" data-no-data-months="${run.values.join(' ')}"><th class="row" scope="row">${run.values.length === 1 ? labelOf(rowDimension.name, run.values[0]!, false) : `${labelOf(rowDimension.name, run.values[0]!, false)} to ${labelOf(rowDimension.name, run.values[run.values.length - 1]!, false)}`}</th><td class="nodata" colspan="${columnValues.length}">${NO_DATA}${rowDimension.name === 'month' ? ' (no extract received)' : ''}</td></tr>
`
    : run.values.map((rowValue) => html`<tr class="${rowValue === TOTAL ? 'total' : ''}"><th class="row" scope="row">${labelOf(rowDimension.name, rowValue, false)}</th>${columnValues.map((columnValue) => cell(rowValue, columnValue))}</tr>
`),
)}
</tbody>
</table>`;
}

/** Consecutive values grouped by whether the table lacks them, so a run of months without data is one row. */
function noDataRuns(values: string[], missing: (value: string) => boolean): Array<{ missing: boolean; values: string[] }> {
  const runs: Array<{ missing: boolean; values: string[] }> = [];
  for (const value of values) {
    const isMissing = missing(value);
    const last = runs[runs.length - 1];
    if (last && last.missing === isMissing) last.values.push(value);
    else runs.push({ missing: isMissing, values: [value] });
  }
  return runs;
}

/** A list of caveats, as an officer would attach to a representation. */
export function renderCaveats(caveats: string[]): Html {
  return html`<ul class="caveats">${caveats.map((caveat) => html`<li>${caveat}</li>`)}</ul>`;
}
