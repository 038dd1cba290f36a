/**
 * Small sections several packs share: the change summary and the values a
 * choropleth shows, both read from protected tables.
 */
import { UNPLACED } from '../../aggregate/dimensions.ts';
import type { ProtectedTable } from '../../disclose/types.ts';
import { shortMonthLabel } from '../../aggregate/months.ts';
import { renderTrendCoverageNote, type Coverage } from '../coverage.ts';
import type { Change } from '../figures.ts';
import { ProtectedTableIndex } from '../protected-table.ts';
import { renderLineChart } from './charts.ts';
import { html, renderTable, type Html } from './html.ts';
import type { MapValue } from './map.ts';

export function renderChangeTable(changes: Change[]): Html {
  return html`<table data-change>
<thead><tr><th>Comparison</th><th>Now</th><th>Before</th><th>Change</th></tr></thead>
<tbody>${changes.map((change) => html`<tr><th class="row">${change.label}</th><td>${change.current}</td><td>${change.base}</td><td>${change.change}</td></tr>`)}</tbody>
</table>`;
}

/** The protected value of each LSOA (other dimensions fixed or at their total), for a map. */
export function lsoaMapValues(table: ProtectedTable, fixed: Record<string, string> = {}, dimension = 'lsoa', leaveOut: readonly string[] = [UNPLACED]): Map<string, MapValue> {
  const index = new ProtectedTableIndex(table);
  const values = new Map<string, MapValue>();
  for (const code of index.dimension(dimension).values) {
    if (leaveOut.includes(code)) continue;
    const cell = index.cell({ ...fixed, [dimension]: code });
    values.set(code, { value: cell.value, display: cell.display, label: index.labelOf(dimension, code) });
  }
  return values;
}

/**
 * A trend over `months` (a month × … table counted over the months with data
 * only): the line, the note on partial months and months without data, and
 * the table, where a month without data reads "no data", never 0.
 */
export function renderTrend(table: ProtectedTable, coverage: Coverage, months: string[], options: { title: string; fixed?: Record<string, string>; columns?: string; caption?: string }): Html {
  const monthNote = (month: string) => coverage.monthNote(month);
  return html`${renderLineChart(table, { dimension: 'month', ...(options.fixed ? { fixed: options.fixed } : {}), title: options.title, axisLabel: shortMonthLabel, values: months, note: (month) => (coverage.of(month).kind === 'partial' ? monthNote(month) : null) })}
${renderTrendCoverageNote(coverage, months)}
${renderTable(table, { rows: 'month', rowValues: months, ...(options.columns ? { columns: options.columns } : {}), ...(options.fixed ? { fixed: options.fixed } : {}), ...(options.caption ? { caption: options.caption } : {}), monthNote })}`;
}
