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
import type { CurrentExtractRow } from '../../store/coverage.ts';
import { renderCoverageStatement, stateText } from '../coverage.ts';
import { disclosureCaveat, releaseJson, subtitle, tableFiles, type PackBuilder, type PackFile, type PackInput } from '../pack.ts';
import { renderLineChart } from '../render/charts.ts';
import { html, renderDocument, renderTable, type Html } from '../render/html.ts';

const HOSPITAL_CAVEATS = [
  'Each month shows the current (latest) extract the site sent for it; a resubmitted extract replaces the earlier one, and its version number says so.',
  'Rejected rows, doubtful times and completeness are shares of all the rows read from the extract; the location and weapon measures are shares of the rows accepted.',
];

/** Months of history in the feedback. */
export const HOSPITAL_MONTHS = 13;

/** A current extract with its data-quality measures. */
type ExtractSummary = CurrentExtractRow;

export interface HospitalPrepared {
  months: string[];
  sites: Array<{ code: string; name: string; dueDay: number | null }>;
  extracts: ExtractSummary[];
}

function currentExtracts(input: PackInput, months: string[]): ExtractSummary[] {
  return input.reads.currentExtractsBetween(months[0]!, months[months.length - 1]!);
}

/**
 * What the hospital should do about a refused file. The reasons are istv's own
 * words (written at intake), so their opening says which check refused the file.
 */
export function fixForRefusal(reason: string): string {
  if (/^Cannot tell which site/i.test(reason)) return 'Put your site code in a site_code column, or in the file name (for example SITE_2026-03.csv), and send the file again.';
  if (/^Line 1 \(header\)/i.test(reason)) return 'The first line must name the columns (the ISTV field names, or the names agreed in your column mapping). Re-export the file from the query that writes it, with its column names, and send the whole month again.';
  if (/^None of the \d+ rows could be accepted/i.test(reason)) return 'Every row was rejected: the data-quality report for this file lists the rows and the fields at fault. Correct them and send the whole month again.';
  if (/^Line \d+:/i.test(reason)) return 'The file cannot be read as CSV from the line named: re-export it with one record per line and with quotes around any field that holds a comma, quote or line break, then send the whole month again.';
  return 'Correct the problem named and send the whole month again; nothing from this file was stored.';
}

function refusedFilesSection(input: PackInput, siteCode: string, months: string[]): Html {
  const refused = input.coverage.refusalsOf(siteCode).filter((refusal) => refusal.period === null || (refusal.period >= months[0]! && refusal.period <= months[months.length - 1]!));
  if (refused.length === 0) return html`<p data-refused-none>No file from this site was refused for ${periodLabel(months)}.</p>`;
  return html`<table data-refused-files="${siteCode}"><caption>Files refused: nothing from them was stored, so their month is missing from every pack until a corrected file arrives</caption>
<thead><tr><th>File</th><th>Month</th><th>Refused on</th><th>Reason</th><th>What to fix</th></tr></thead>
<tbody>${refused.map((refusal) => {
    const replaced = refusal.period !== null && input.coverage.of(refusal.period).sites.some((site) => site.siteCode === siteCode && site.state === 'received');
    return html`<tr><th class="row" style="text-align:left">${refusal.fileName}</th><td>${refusal.period === null ? 'not known' : monthLabel(refusal.period)}${replaced ? ' (a later file for this month was accepted)' : ''}</td><td>${refusal.refusedAt.slice(0, 10)}</td><td style="text-align:left">${refusal.reason}</td><td style="text-align:left">${fixForRefusal(refusal.reason)}</td></tr>`;
  })}</tbody></table>`;
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
  // Only the months this site's extract is in: a month without one reads "no data", never 0 rows.
  const sentMonths = new Set(own.map((extract) => extract.period));
  const monthDim = monthDimension(months.filter((month) => sentMonths.has(month)));
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

function measuresTable(site: { code: string; dueDay: number | null }, months: string[], extracts: ExtractSummary[], note: (month: string) => string | null): Html {
  const byMonth = new Map(extracts.filter((extract) => extract.siteCode === site.code).map((extract) => [extract.period, extract]));
  const fields = new Set<string>();
  for (const extract of byMonth.values()) for (const field of Object.keys(extract.quality.completeness ?? {})) fields.add(field);
  const row = (label: string, value: (extract: ExtractSummary) => string) =>
    html`<tr><th class="row">${label}</th>${months.map((month) => {
      const extract = byMonth.get(month);
      return html`<td class="${extract ? '' : 'nodata'}">${extract ? value(extract) : (note(month) ?? 'no data')}</td>`;
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

function siteStateText(input: PackInput, siteCode: string): string {
  const entry = input.coverage.of(input.month).sites.find((site) => site.siteCode === siteCode);
  return entry ? stateText(entry) : 'no extract expected from this site yet';
}

export const hospitalPack: PackBuilder<HospitalPrepared> = {
  audience: 'hospital',
  prepare(input: PackInput) {
    const window = monthsEnding(input.month, HOSPITAL_MONTHS);
    const extracts = currentExtracts(input, window);
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
      const rows = release.tables.find((candidate) => candidate.id === `dq-${site.code}-rows`) ?? null;
      const sent = rows !== null;
      const siteNote = (month: string) => {
        const entry = input.coverage.of(month).sites.find((candidate) => candidate.siteCode === site.code);
        return entry && entry.state !== 'received' ? (entry.state === 'refused' ? 'file refused' : entry.state === 'awaited' ? 'not yet due' : 'missing') : null;
      };
      return html`<section data-site="${site.code}"><h2>${site.name} (${site.code})</h2>
${sent ? '' : html`<p>No extract has been received from this site for ${period}.</p>`}
<p data-site-month-state>${monthLabel(input.month)}: ${siteStateText(input, site.code)}</p>
${refusedFilesSection(input, site.code, prepared.months)}
${rows === null ? '' : renderLineChart(rows, { dimension: 'month', title: 'Rows received per month ("no data": no extract accepted that month)', axisLabel: shortMonthLabel, values: prepared.months })}
${measuresTable(site, prepared.months, prepared.extracts, siteNote)}
${rows === null ? '' : renderTable(rows, { rows: 'month', rowValues: prepared.months, columns: 'outcome', monthNote: siteNote })}
${['rejects', 'geocode', 'scrubbed'].map((part) => {
  const table = release.tables.find((candidate) => candidate.id === `dq-${site.code}-${part}`);
  return table ? renderTable(table, { rows: 'month', rowValues: prepared.months, columns: table.dimensions[1]!.name, monthNote: siteNote }) : '';
})}
</section>`;
    });
    const unattributed = input.coverage.unattributedRefusals();
    const body = html`${renderCoverageStatement(input.coverage, input.month, { partialAllowed: input.partialAllowed })}
${unattributed.length === 0 ? '' : html`<section data-refused-unattributed><h2>Files refused whose site or month could not be told</h2><ul>${unattributed.map((refusal) => html`<li>${refusal.fileName} (refused ${refusal.refusedAt.slice(0, 10)}): ${refusal.reason} <em>${fixForRefusal(refusal.reason)}</em></li>`)}</ul></section>`}
<p>Feedback on the extracts each emergency department sent for ${period}: what arrived, what was rejected and why, how complete each field was and how many locations could be placed. The current (latest) extract of each month is shown.</p>${sections}`;
    const files: PackFile[] = [
      { path: 'index.html', content: renderDocument({ title: `Data-quality feedback to emergency departments, ${monthLabel(input.month)}`, subtitle: subtitle(input, 'Hospital data quality', period), methodStatement: release.methodStatement, marking: input.markings.hospital, caveats: [...HOSPITAL_CAVEATS, disclosureCaveat(input, 'hospital')], revised: input.revised, body }), printToPdf: true },
      ...tableFiles(release),
      releaseJson(release, input),
    ];
    return files;
  },
};
