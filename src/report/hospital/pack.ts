/**
 * The hospital pack: data-quality feedback to each emergency department,
 * month on month, so the people who collect the data see what it is worth and
 * what to fix (the complaint that started many Cardiff-model partnerships).
 * It reads the extracts table and each extract's quality_json (the measures of
 * src/validate/data-quality.ts); the counts go through disclosure control like
 * every table, the shares are worked out from those counts.
 */
import { monthLabel, monthsEnding, shortMonthLabel } from '../../aggregate/months.ts';
import { monthDimension } from '../../aggregate/dimensions.ts';
import { tableFromCounts, type GroupedCount } from '../../aggregate/count-table.ts';
import { periodLabel } from '../../aggregate/tables.ts';
import type { CountTable, ProtectedRelease } from '../../disclose/types.ts';
import type { StoreDatabase } from '../../store/open.ts';
import type { DataQuality } from '../../validate/data-quality.ts';
import { disclosureCaveat, releaseJson, subtitle, tableFiles, type PackBuilder, type PackFile, type PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { renderLineChart } from '../render/charts.ts';
import { html, renderDocument, renderTable, type Html } from '../render/html.ts';

const HOSPITAL_CAVEATS = [
  'Each month shows the current (latest) extract the site sent for it; a resubmitted extract replaces the earlier one, and its version number says so.',
  'Rejected rows, doubtful times and completeness are shares of all the rows read from the extract; the location and weapon measures are shares of the rows accepted.',
];

/** Months of history in the feedback. */
export const HOSPITAL_MONTHS = 13;

interface ExtractSummary {
  siteCode: string;
  period: string;
  version: number;
  receivedAt: string;
  rowsAccepted: number;
  rowsRejected: number;
  quality: Partial<QualityMeasures>;
}

/** quality_json as src/validate/data-quality.ts writes it; anything missing is shown as not measured. */
type QualityMeasures = DataQuality;

export interface HospitalPrepared {
  months: string[];
  sites: Array<{ code: string; name: string; dueDay: number | null }>;
  extracts: ExtractSummary[];
}

function readQuality(json: string): Partial<QualityMeasures> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Partial<QualityMeasures>) : {};
  } catch {
    // A store written by an older istv may hold something else; the feedback says "not measured" rather than failing.
    return {};
  }
}

function currentExtracts(store: StoreDatabase, months: string[]): ExtractSummary[] {
  const rows = store
    .prepare(
      `SELECT site_code, period, version, received_at, rows_accepted, rows_rejected, quality_json FROM extracts
       WHERE status = 'current' AND period >= ? AND period <= ? ORDER BY site_code, period`,
    )
    .all(months[0], months[months.length - 1]) as Array<{ site_code: string; period: string; version: number; received_at: string; rows_accepted: number; rows_rejected: number; quality_json: string }>;
  return rows.map((row) => ({
    siteCode: row.site_code,
    period: row.period,
    version: row.version,
    receivedAt: row.received_at,
    rowsAccepted: row.rows_accepted,
    rowsRejected: row.rows_rejected,
    quality: readQuality(row.quality_json),
  }));
}

function recordCounts(extracts: ExtractSummary[], dimension: string, pick: (extract: ExtractSummary) => Record<string, number> | undefined): GroupedCount[] {
  return extracts.flatMap((extract) =>
    Object.entries(pick(extract) ?? {})
      .filter(([, count]) => Number.isInteger(count) && count > 0)
      .map(([key, count]) => ({ keys: { month: extract.period, [dimension]: key }, count })),
  );
}

/** A site's count tables; a breakdown with nothing in it (no rejects, say) is left out rather than published empty. */
function siteTables(siteCode: string, months: string[], extracts: ExtractSummary[]): CountTable[] {
  const own = extracts.filter((extract) => extract.siteCode === siteCode);
  const monthDim = monthDimension(months);
  const tables = [
    tableFromCounts(`dq-${siteCode}-rows`, `Rows received from ${siteCode}, accepted and rejected`, [monthDim, { name: 'outcome', label: 'Row', values: ['accepted', 'rejected'], valueLabels: { accepted: 'Accepted', rejected: 'Rejected' } }], recordCounts(own, 'outcome', (e) => ({ accepted: e.rowsAccepted, rejected: e.rowsRejected }))),
    tableFromCounts(`dq-${siteCode}-rejects`, `Rejected rows from ${siteCode}, by the first reason`, [monthDim, { name: 'reason', label: 'Reason', values: [] }], recordCounts(own, 'reason', (e) => e.quality.rejectsByReason)),
    tableFromCounts(`dq-${siteCode}-geocode`, `Accepted rows from ${siteCode}, by how the location was placed`, [monthDim, { name: 'outcome', label: 'Geocode outcome', values: [] }], recordCounts(own, 'outcome', (e) => e.quality.geocodeOutcomes)),
    tableFromCounts(`dq-${siteCode}-scrubbed`, `Identifiers found in free text from ${siteCode} and removed, by kind`, [monthDim, { name: 'kind', label: 'Kind of identifier', values: [] }], recordCounts(own, 'kind', (e) => e.quality.identifiersScrubbed)),
  ];
  return tables.filter((table) => table.dimensions.every((dimension) => dimension.values.length > 0));
}

function percent(part: number | undefined, whole: number | undefined): string {
  if (part === undefined || whole === undefined || whole === 0) return 'not measured';
  return `${Math.round((100 * part) / whole)}%`;
}

/** Days after the due day of the following month that the extract arrived (negative: early). */
function daysLate(period: string, receivedAt: string, dueDay: number | null): string {
  if (dueDay === null) return '';
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const due = Date.UTC(year, month, dueDay);
  const received = Date.parse(receivedAt);
  if (Number.isNaN(received)) return '';
  const days = Math.floor((received - due) / 86_400_000);
  return days > 0 ? `${days} day${days === 1 ? '' : 's'} late` : 'on time';
}

function measuresTable(site: { code: string; dueDay: number | null }, months: string[], extracts: ExtractSummary[]): Html {
  const byMonth = new Map(extracts.filter((extract) => extract.siteCode === site.code).map((extract) => [extract.period, extract]));
  const fields = new Set<string>();
  for (const extract of byMonth.values()) for (const field of Object.keys(extract.quality.completeness ?? {})) fields.add(field);
  const row = (label: string, value: (extract: ExtractSummary) => string) =>
    html`<tr><th class="row">${label}</th>${months.map((month) => {
      const extract = byMonth.get(month);
      return html`<td>${extract ? value(extract) : '—'}</td>`;
    })}</tr>`;
  const accepted = (extract: ExtractSummary) => extract.rowsAccepted;
  const read = (extract: ExtractSummary) => extract.quality.rowsRead ?? extract.rowsAccepted + extract.rowsRejected;
  return html`<table data-measures="${site.code}"><caption>Data-quality measures (shares of the rows of each month's current extract)</caption>
<thead><tr><th>Measure</th>${months.map((month) => html`<th>${shortMonthLabel(month)}</th>`)}</tr></thead>
<tbody>
${row('Extract version (2 or more: resubmitted)', (e) => String(e.version))}
${row('Arrived', (e) => daysLate(e.period, e.receivedAt, site.dueDay) || e.receivedAt.slice(0, 10))}
${row('Rows rejected', (e) => percent(e.rowsRejected, read(e)))}
${row('Location blank', (e) => percent(e.quality.locationBlank, accepted(e)))}
${row('Location "unknown"', (e) => percent(e.quality.locationUnknown, accepted(e)))}
${row('Weapon known', (e) => percent(e.quality.weaponKnown, accepted(e)))}
${row('Impossible or doubtful times', (e) => percent(e.quality.impossibleTimes, read(e)))}
${row('Identifier columns sent (dropped)', (e) => (e.quality.identifierColumnsDropped ?? []).length === 0 ? 'none' : String(e.quality.identifierColumnsDropped!.length))}
${[...fields].map((field) => row(`Complete and valid: ${field}`, (e) => percent(e.quality.completeness?.[field], read(e))))}
</tbody></table>`;
}

export const hospitalPack: PackBuilder<HospitalPrepared> = {
  audience: 'hospital',
  prepare(input: PackInput) {
    const window = monthsEnding(input.month, HOSPITAL_MONTHS);
    const extracts = currentExtracts(input.store, window);
    // Months before the first extract of any site are left out: a line from zero would read as a collapse in reporting.
    const first = extracts.reduce<string | null>((earliest, extract) => (earliest === null || extract.period < earliest ? extract.period : earliest), null);
    const months = first === null ? window : window.filter((month) => month >= first);
    const configured = input.sites.map((site) => ({ code: site.code, name: site.name, dueDay: site.extractDueDay ?? null }));
    const seen = new Set(configured.map((site) => site.code));
    const sites = [...configured, ...[...new Set(extracts.map((extract) => extract.siteCode))].filter((code) => !seen.has(code)).map((code) => ({ code, name: code, dueDay: null }))];
    return { tables: sites.flatMap((site) => siteTables(site.code, months, extracts)), prepared: { months, sites, extracts } };
  },
  render(input, prepared, release: ProtectedRelease) {
    const period = periodLabel(prepared.months);
    const sections = prepared.sites.map((site) => {
      const rows = findTable(release.tables, `dq-${site.code}-rows`);
      const rowsIndex = new ProtectedTableIndex(rows);
      const sent = prepared.extracts.some((extract) => extract.siteCode === site.code);
      return html`<section data-site="${site.code}"><h2>${site.name} (${site.code})</h2>
${sent ? '' : html`<p>No extract has been received from this site for ${period}.</p>`}
${rowsIndex.value({ month: input.month }) === null ? '' : renderLineChart(rows, { dimension: 'month', title: 'Rows received per month', axisLabel: shortMonthLabel })}
${measuresTable(site, prepared.months, prepared.extracts)}
${renderTable(rows, { rows: 'month', columns: 'outcome' })}
${['rejects', 'geocode', 'scrubbed'].map((part) => {
  const table = release.tables.find((candidate) => candidate.id === `dq-${site.code}-${part}`);
  return table ? renderTable(table, { rows: 'month', columns: table.dimensions[1]!.name }) : '';
})}
</section>`;
    });
    const body = html`<p>Feedback on the extracts each emergency department sent for ${period}: what arrived, what was rejected and why, how complete each field was and how many locations could be placed. The current (latest) extract of each month is shown.</p>${sections}`;
    const files: PackFile[] = [
      { path: 'index.html', content: renderDocument({ title: `Data-quality feedback to emergency departments, ${monthLabel(input.month)}`, subtitle: subtitle(input, 'Hospital data quality', period), methodStatement: release.methodStatement, marking: input.markings.hospital, caveats: [...HOSPITAL_CAVEATS, disclosureCaveat(input, 'hospital')], revised: input.revised, body }), printToPdf: true },
      ...tableFiles(release),
      releaseJson(release, input),
    ];
    return files;
  },
};
