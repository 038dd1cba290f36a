/**
 * The licensing pack: one report per premises with attributed assaults, for an
 * officer to attach to a representation or a licence review (Licensing Act
 * 2003: crime and disorder, public safety), and an index of all of them.
 * Committees reject generic area data; each report is about one premises:
 * its monthly history, the hours and days, glass and bottles, its rank, the
 * texts that matched it and how confidently, and the caveats.
 */
import { hourDimension } from '../../aggregate/dimensions.ts';
import { monthLabel, monthsEnding, shortMonthLabel } from '../../aggregate/months.ts';
import {
  attributeToPremises,
  premisesAttributionTable,
  premisesFromStore,
  premisesGlassTable,
  premisesMonthTable,
  premisesTextVariants,
  premisesWeekdayHourTable,
  type PremisesPoint,
  type TextVariant,
} from '../../aggregate/premises.ts';
import { periodLabel } from '../../aggregate/tables.ts';
import type { ProtectedRelease } from '../../disclose/types.ts';
import { renderCoverageStatement, renderCoverageTable } from '../coverage.ts';
import { renderTrend } from '../render/sections.ts';
import { COMMON_CAVEATS, releaseJson, subtitle, tableFiles, type PackBuilder, type PackFile, type PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { rankValues, renderBarChart, renderHeatmap, renderLineChart } from '../render/charts.ts';
import { csvMetadata, toCsv } from '../render/csv.ts';
import { html, renderCaveats, renderDocument, renderTable, type Html } from '../render/html.ts';

export const MIN_LICENSING_MONTHS = 12;
export const MAX_LICENSING_MONTHS = 36;

export interface LicensingPrepared {
  months: string[];
  /** Premises with at least one attributed assault in the window, by id. */
  premises: PremisesPoint[];
  variants: Map<string, TextVariant[]>;
}

/** A premises id as a file name: lower case letters, digits and hyphens. */
export function premisesFileName(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'premises';
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const LICENSING_CAVEATS = [
  ...COMMON_CAVEATS,
  'An assault is attributed to the premises when the location text named it (inside when the hospital recorded licensed or commercial premises as the location type, outside otherwise), or when it was placed in a public place within the stated distance of the premises and named no other premises. Neither proves that the premises caused it.',
  'Patients attending other hospitals, or not attending at all, are not counted: the figures are a floor, not a total.',
];

/** Competition ranking ("1, 2, 2, 4"): premises with equal totals share a rank. Null when the total is not published. */
function rankOf(ranked: string[], premisesId: string, index: ProtectedTableIndex): number | null {
  const value = index.value({ premises: premisesId });
  if (value === null) return null;
  return 1 + ranked.filter((other) => (index.value({ premises: other }) ?? -1) > value).length;
}

function rankText(ranked: string[], premisesId: string, index: ProtectedTableIndex): string {
  const rank = rankOf(ranked, premisesId, index);
  if (rank === null) return 'not ranked (its total is not published)';
  const shared = ranked.filter((other) => index.value({ premises: other }) === index.value({ premises: premisesId })).length > 1;
  return `${shared ? 'joint ' : ''}${ordinal(rank)} of ${ranked.length} premises with attributed assaults`;
}

/** How many months of the window have data: a premises history must not read months before the data starts as quiet months. */
function dataPeriodNote(input: PackInput, months: string[]): Html {
  const withData = input.coverage.monthsWithData(months);
  const partial = withData.filter((month) => !input.coverage.isComplete(month));
  if (withData.length === months.length && partial.length === 0) return html``;
  return html`<p class="coverage" data-data-period>Of the ${months.length} months of this history, ${withData.length} have data${withData.length > 0 ? ` (${periodLabel(withData)})` : ''}${partial.length > 0 ? `, ${partial.length} of them partial` : ''}. Months without data are shown as "no data": no assault can be attributed in them, which is not the same as none.</p>`;
}

function premisesReport(input: PackInput, prepared: LicensingPrepared, release: ProtectedRelease, premises: PremisesPoint, ranked: string[]): string {
  const monthly = findTable(release.tables, 'premises-month');
  const monthlyIndex = new ProtectedTableIndex(monthly);
  const glass = new ProtectedTableIndex(findTable(release.tables, `premises-${premises.id}-glass`));
  const glassCell = glass.cell({ glass_or_bottle: 'yes' });
  const totalCell = glass.cell({});
  const glassShare = glassCell.value !== null && totalCell.value !== null && totalCell.value > 0 ? `${Math.round((100 * glassCell.value) / totalCell.value)}%` : 'not shown (a count is not published)';
  const variants = prepared.variants.get(premises.id) ?? [];
  const period = periodLabel(prepared.months);
  const hours = hourDimension().values;
  const body: Html = html`
${renderCoverageStatement(input.coverage, input.month, { partialAllowed: input.partialAllowed })}
${dataPeriodNote(input, prepared.months)}
<section><h2>The premises</h2>
<table><tbody>
<tr><th class="row">Premises as matched</th><td data-premises-name>${premises.name}</td></tr>
<tr><th class="row">Reference</th><td>${premises.id}</td></tr>
<tr><th class="row">Location</th><td>${premises.latitude.toFixed(5)}, ${premises.longitude.toFixed(5)}</td></tr>
<tr><th class="row">Period</th><td>${period}</td></tr>
<tr><th class="row">Attributed assault attendances</th><td data-table="premises-month" data-keys="${JSON.stringify(monthlyIndex.keysOf({ premises: premises.id }))}">${monthlyIndex.display({ premises: premises.id })}</td></tr>
<tr><th class="row">Rank</th><td>${rankText(ranked, premises.id, monthlyIndex)}</td></tr>
<tr><th class="row">Involving glass or a bottle</th><td>${glassShare}</td></tr>
</tbody></table>
</section>
<section><h2>Month by month</h2>
${renderTrend(monthly, input.coverage, prepared.months, { title: `Attributed assault attendances per month, ${period}`, fixed: { premises: premises.id }, caption: 'Attributed assault attendances by month' })}
</section>
<section><h2>Day of week and hour</h2>
${renderHeatmap(findTable(release.tables, `premises-${premises.id}-weekday-hour`), { rows: 'weekday', columns: 'hour', columnValues: hours, title: `Attributed assaults by day and hour of assault, ${period}. Compare with the licensed hours.` })}
</section>
<section><h2>Weapons and where</h2>
<div class="grid">
${renderTable(findTable(release.tables, `premises-${premises.id}-glass`), { rows: 'glass_or_bottle' })}
${renderTable(findTable(release.tables, `premises-${premises.id}-attribution`), { rows: 'how' })}
</div>
</section>
<section><h2>How the premises was matched</h2>
${input.licensingRecordLevel === false
  ? html`<p data-no-variants>Matched to <strong>${premises.name}</strong> in the gazetteer. The location texts are not listed in this pack: the licensing disclosure policy protects small counts, and a list of texts would give them away.</p>`
  : html`<p>Matched to <strong>${premises.name}</strong> in the gazetteer. The location texts that led to it, as stored (only words of places are kept; every other word is [word] and every number outside a place name [number]), the matching method and the mean confidence (0 to 1). Attributions by distance (within ${input.licensing.nearMetres} m) are listed with the text that was placed there.</p>`}
${input.licensingRecordLevel === false ? '' : variants.length === 0 ? html`<p>No location text was recorded.</p>` : html`<table data-variants><thead><tr><th>Location text</th><th>Method</th><th>Confidence</th></tr></thead><tbody>${variants.map((variant) => html`<tr><th class="row">${variant.text}</th><td>${variant.method}</td><td>${variant.meanConfidence.toFixed(2)}</td></tr>`)}</tbody></table>`}
</section>
<section><h2>Caveats</h2>${renderCaveats(LICENSING_CAVEATS)}</section>`;
  return renderDocument({
    title: `Premises report: ${premises.name}`,
    subtitle: subtitle(input, 'Licensing', period),
    methodStatement: release.methodStatement,
    revised: input.revised,
    body,
  });
}

export const licensingPack: PackBuilder<LicensingPrepared> = {
  audience: 'licensing',
  prepare(input: PackInput) {
    const { months: count, nearMetres } = input.licensing;
    if (!Number.isInteger(count) || count < MIN_LICENSING_MONTHS || count > MAX_LICENSING_MONTHS) {
      throw new Error(`Unexpected licensing months value: ${count} (expected ${MIN_LICENSING_MONTHS} to ${MAX_LICENSING_MONTHS})`);
    }
    const months = monthsEnding(input.month, count);
    // Only months with data are counted; the others show as "no data", never as 0.
    const dataMonths = input.coverage.monthsWithData(months);
    const candidates = input.licensing.premises ?? premisesFromStore(input.store);
    const assaults = attributeToPremises(input.store, dataMonths, candidates, nearMetres);
    const attributedIds = new Set(assaults.map((assault) => assault.premisesId));
    // A premises with no attributed assault gets no report and is not named anywhere in the pack.
    const premises = candidates.filter((entry) => attributedIds.has(entry.id));
    const tables = [
      premisesMonthTable(assaults, premises, dataMonths),
      ...premises.flatMap((entry) => [premisesWeekdayHourTable(assaults, entry.id), premisesGlassTable(assaults, entry.id), premisesAttributionTable(assaults, entry.id)]),
    ];
    const variants = new Map(premises.map((entry) => [entry.id, premisesTextVariants(assaults, entry.id)]));
    return { tables, prepared: { months, premises, variants } };
  },
  render(input, prepared, release) {
    const monthly = findTable(release.tables, 'premises-month');
    const monthlyIndex = new ProtectedTableIndex(monthly);
    const ranked = rankValues(monthly, 'premises').filter((id) => monthlyIndex.value({ premises: id }) !== null);
    const order = [...ranked, ...prepared.premises.map((entry) => entry.id).filter((id) => !ranked.includes(id))];
    const byId = new Map(prepared.premises.map((entry) => [entry.id, entry]));
    const period = periodLabel(prepared.months);
    const files: PackFile[] = prepared.premises.map((entry) => ({
      path: `premises/${premisesFileName(entry.id)}.html`,
      content: premisesReport(input, prepared, release, entry, ranked),
      printToPdf: true,
    }));
    const indexRows = order.map((id) => {
      const entry = byId.get(id)!;
      const cell = monthlyIndex.cell({ premises: id });
      const rank = rankOf(ranked, id, monthlyIndex);
      return { entry, display: cell.display, rank: rank === null ? '' : String(rank) };
    });
    const body = html`
${renderCoverageStatement(input.coverage, input.month, { partialAllowed: input.partialAllowed })}
${dataPeriodNote(input, prepared.months)}
<section><h2>Premises with attributed assaults, ${period}</h2>
<p>${prepared.premises.length} premises had at least one assault attendance attributed to them (named in the location text, or within ${input.licensing.nearMetres} m in a public place). Ranked by attributed attendances over the period. Each has its own report.</p>
${prepared.premises.length === 0 ? '' : renderBarChart(monthly, { dimension: 'premises', values: order.slice(0, 20), title: 'Attributed assault attendances, top premises' })}
<table data-premises-index><thead><tr><th>Rank</th><th>Premises</th><th>Attributed attendances</th><th>Report</th></tr></thead><tbody>
${indexRows.map(({ entry, display, rank }) => html`<tr><td>${rank}</td><th class="row">${entry.name}</th><td data-table="premises-month" data-keys="${JSON.stringify(monthlyIndex.keysOf({ premises: entry.id }))}">${display}</td><td><a href="premises/${premisesFileName(entry.id)}.html">HTML</a> · <a href="premises/${premisesFileName(entry.id)}.pdf">PDF</a></td></tr>`)}
</tbody></table>
${prepared.premises.length === 0 ? '' : renderTable(monthly, { rows: 'premises', rowValues: order, caption: `Attributed assault attendances by premises and month, ${period}`, columns: 'month', columnValues: input.coverage.fromFirstData(prepared.months), monthNote: (m) => input.coverage.monthNote(m) })}
${renderCoverageTable(input.coverage, input.coverage.fromFirstData(prepared.months))}
</section>
<section><h2>Caveats</h2>${renderCaveats(LICENSING_CAVEATS)}</section>`;
    const columns = [
      { name: 'rank', title: 'Rank by attributed attendances', datatype: 'integer' as const },
      { name: 'premises_id', title: 'Premises reference' },
      { name: 'premises_name', title: 'Premises as matched' },
      { name: 'attributed', title: `Attributed assault attendances, ${period}` },
      { name: 'report', title: 'Report file' },
    ];
    files.push(
      {
        path: 'index.html',
        content: renderDocument({ title: `Premises and assaults: licensing index, ${monthLabel(input.month)}`, subtitle: subtitle(input, 'Licensing', period), methodStatement: release.methodStatement, revised: input.revised, body }),
        printToPdf: true,
      },
      { path: 'index.csv', content: toCsv(columns.map((column) => column.name), indexRows.map(({ entry, display, rank }) => [rank === '' ? null : Number(rank), entry.id, entry.name, display, `premises/${premisesFileName(entry.id)}.html`])) },
      { path: 'index.csv-metadata.json', content: csvMetadata('index.csv', `Licensing index, ${period}`, release.methodStatement, columns) },
      ...tableFiles(release),
      releaseJson(release, input),
    );
    return files;
  },
};
