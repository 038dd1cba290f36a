/**
 * Charts as inline SVG from protected tables. Suppressed values are drawn as
 * hatched or marked gaps, never as zero, so a chart cannot be read as saying
 * "none" where the table says "not shown".
 */
import { TOTAL, type ProtectedTable } from '../../disclose/types.ts';
import { ProtectedTableIndex } from '../protected-table.ts';
import { Html, html } from './html.ts';

const BAR = '#2171b5';
const HATCH = html`<defs><pattern id="chart-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2"/></pattern></defs>`;

export interface HeatmapLayout {
  rows: string;
  columns: string;
  /** Column values to draw (default: all). */
  columnValues?: string[];
  fixed?: Record<string, string>;
  title: string;
}

/** A rows × columns grid (day of week × hour), shaded by the protected value. */
export function renderHeatmap(table: ProtectedTable, layout: HeatmapLayout): Html {
  const index = new ProtectedTableIndex(table);
  const rows = index.dimension(layout.rows);
  const columns = index.dimension(layout.columns);
  const columnValues = layout.columnValues ?? columns.values;
  const cellWidth = 26;
  const cellHeight = 22;
  const left = 90;
  const top = 24;
  const values = rows.values.flatMap((row) => columnValues.map((column) => index.value({ ...layout.fixed, [rows.name]: row, [columns.name]: column }) ?? 0));
  const maximum = Math.max(1, ...values);
  const cells = rows.values.flatMap((row, r) =>
    columnValues.map((column, c) => {
      const found = index.cell({ ...layout.fixed, [rows.name]: row, [columns.name]: column });
      const fill = found.value === null ? 'url(#chart-hatch)' : `rgba(8, 48, 107, ${(0.06 + 0.94 * (found.value / maximum)).toFixed(3)})`;
      const ink = found.value !== null && found.value / maximum > 0.55 ? '#ffffff' : '#1b1b1b';
      return html`<g transform="translate(${left + c * cellWidth},${top + r * cellHeight})"><rect width="${cellWidth - 1}" height="${cellHeight - 1}" fill="${fill}"><title>${index.labelOf(rows.name, row)} ${index.labelOf(columns.name, column)}: ${found.display}</title></rect><text x="${cellWidth / 2}" y="15" font-size="9.5" text-anchor="middle" fill="${ink}">${found.display === '0' ? '' : found.display}</text></g>`;
    }),
  );
  const rowLabels = rows.values.map((row, r) => html`<text x="${left - 6}" y="${top + r * cellHeight + 15}" font-size="11" text-anchor="end">${index.labelOf(rows.name, row)}</text>`);
  const columnLabels = columnValues.map((column, c) => html`<text x="${left + c * cellWidth + cellWidth / 2}" y="${top - 8}" font-size="10" text-anchor="middle">${column.length <= 3 ? column : index.labelOf(columns.name, column).slice(0, 4)}</text>`);
  const width = left + columnValues.length * cellWidth + 10;
  const height = top + rows.values.length * cellHeight + 10;
  return html`<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${layout.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-chart="heatmap">${HATCH}${columnLabels}${rowLabels}${cells}</svg><figcaption>${layout.title}</figcaption></figure>`;
}

export interface BarLayout {
  dimension: string;
  values?: string[];
  fixed?: Record<string, string>;
  title: string;
}

/** Horizontal bars, one per value of a dimension, labelled with what the table shows. */
export function renderBarChart(table: ProtectedTable, layout: BarLayout): Html {
  const index = new ProtectedTableIndex(table);
  const dimension = index.dimension(layout.dimension);
  const values = layout.values ?? dimension.values;
  const left = 210;
  const barArea = 330;
  const rowHeight = 20;
  const found = values.map((value) => index.cell({ ...layout.fixed, [dimension.name]: value }));
  const maximum = Math.max(1, ...found.map((cell) => cell.value ?? 0));
  const bars = values.map((value, i) => {
    const cell = found[i]!;
    const barWidth = cell.value === null ? 24 : (barArea * cell.value) / maximum;
    const fill = cell.value === null ? 'url(#chart-hatch)' : BAR;
    return html`<g transform="translate(0,${i * rowHeight})"><text x="${left - 6}" y="14" font-size="11" text-anchor="end">${index.labelOf(dimension.name, value).slice(0, 34)}</text><rect x="${left}" y="3" width="${barWidth.toFixed(1)}" height="${rowHeight - 6}" fill="${fill}"/><text x="${left + barWidth + 4}" y="14" font-size="11">${cell.display}</text></g>`;
  });
  const width = left + barArea + 60;
  const height = values.length * rowHeight + 6;
  return html`<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${layout.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-chart="bar">${HATCH}${bars}</svg><figcaption>${layout.title}</figcaption></figure>`;
}

export interface LineLayout {
  /** The month dimension along the axis. */
  dimension: string;
  fixed?: Record<string, string>;
  title: string;
  /** Short axis labels per value. */
  axisLabel?: (value: string) => string;
  /** The values along the axis (default: the dimension's); one the table lacks is drawn as "no data", never as 0. */
  values?: string[];
  /** A note beside a value (from the coverage: "partial: …"); noted points are drawn hollow. */
  note?: (value: string) => string | null;
}

/** A line over months of the protected totals; a suppressed month breaks the line. */
export function renderLineChart(table: ProtectedTable, layout: LineLayout): Html {
  const index = new ProtectedTableIndex(table);
  const dimension = index.dimension(layout.dimension);
  const values = layout.values ?? dimension.values;
  const width = 640;
  const height = 220;
  const left = 40;
  const bottom = 36;
  const plotWidth = width - left - 28;
  const plotHeight = height - bottom - 12;
  const points = values.map((value) => {
    const keys = { ...layout.fixed, [dimension.name]: value };
    return index.has(index.keysOf(keys)) ? index.cell(keys) : { value: null, display: NO_DATA_TEXT, keys, status: 'published' as const };
  });
  const noteOf = (i: number) => layout.note?.(values[i]!) ?? null;
  const maximum = Math.max(1, ...points.map((cell) => cell.value ?? 0));
  const x = (i: number) => left + (values.length === 1 ? plotWidth / 2 : (i * plotWidth) / (values.length - 1));
  const y = (value: number) => 12 + plotHeight - (plotHeight * value) / maximum;
  const segments: string[] = [];
  let current = '';
  points.forEach((cell, i) => {
    if (cell.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(cell.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const axisLabel = layout.axisLabel ?? ((value: string) => value);
  const step = Math.max(1, Math.ceil(values.length / 12));
  return html`<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${layout.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-chart="line">
${noDataBands(points.map((cell) => cell.display === NO_DATA_TEXT), x, values.length === 1 ? plotWidth : plotWidth / (values.length - 1), plotHeight)}
<line x1="${left}" y1="${12 + plotHeight}" x2="${width - 12}" y2="${12 + plotHeight}" stroke="#7a7a7a"/>
<text x="${left - 6}" y="16" font-size="10" text-anchor="end">${String(maximum)}</text><text x="${left - 6}" y="${12 + plotHeight}" font-size="10" text-anchor="end">0</text>
${segments.map((d) => html`<path d="${d}" fill="none" stroke="${BAR}" stroke-width="2"/>`)}
${points.map((cell, i) =>
  cell.value === null
    ? cell.display === NO_DATA_TEXT
      ? ''
      : html`<text x="${x(i)}" y="${12 + plotHeight - 4}" font-size="10" text-anchor="middle" fill="#8a3b00">${cell.display}</text>`
    : html`<circle cx="${x(i).toFixed(1)}" cy="${y(cell.value).toFixed(1)}" r="${noteOf(i) ? 4 : 3}" fill="${noteOf(i) ? '#ffffff' : BAR}" stroke="${BAR}" stroke-width="1.5"><title>${index.labelOf(dimension.name, values[i]!)}: ${cell.display}${noteOf(i) ? ` (${noteOf(i)})` : ''}</title></circle>${noteOf(i) ? html`<text x="${x(i).toFixed(1)}" y="${(y(cell.value) - 8).toFixed(1)}" font-size="9" text-anchor="${i === values.length - 1 ? 'end' : 'middle'}" fill="#8a3b00" data-partial>partial</text>` : ''}`,
)}
${values.map((value, i) => (i % step === 0 ? html`<text x="${x(i).toFixed(1)}" y="${height - 14}" font-size="10" text-anchor="middle">${axisLabel(value)}</text>` : ''))}
</svg><figcaption>${layout.title}</figcaption></figure>`;
}

const NO_DATA_TEXT = 'no data';

/** Grey bands over runs of months without data, each labelled once: they are gaps in the record, not zeros. */
function noDataBands(missing: boolean[], x: (i: number) => number, step: number, plotHeight: number): Html {
  const bands: Html[] = [];
  for (let i = 0; i < missing.length; i += 1) {
    if (!missing[i]) continue;
    let j = i;
    while (j + 1 < missing.length && missing[j + 1]) j += 1;
    const left = x(i) - step / 2;
    const width = x(j) - x(i) + step;
    bands.push(html`<g data-no-data><rect x="${left.toFixed(1)}" y="12" width="${width.toFixed(1)}" height="${plotHeight}" fill="#efefef"/><text x="${(left + width / 2).toFixed(1)}" y="${(12 + plotHeight / 2).toFixed(1)}" font-size="10" text-anchor="middle" fill="#5a5a5a">no data</text></g>`);
    i = j;
  }
  return html`${bands}`;
}

/** Values of a dimension ranked by protected value (largest first); suppressed values last. Ties keep dimension order. */
export function rankValues(table: ProtectedTable, dimensionName: string, fixed: Record<string, string> = {}): string[] {
  const index = new ProtectedTableIndex(table);
  const dimension = index.dimension(dimensionName);
  return dimension.values
    .filter((value) => value !== TOTAL)
    .map((value, order) => ({ value, order, shown: index.value({ ...fixed, [dimensionName]: value }) }))
    .sort((a, b) => (b.shown ?? -1) - (a.shown ?? -1) || a.order - b.order)
    .map((entry) => entry.value);
}
