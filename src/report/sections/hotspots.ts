/**
 * The hotspot section of the police pack: Getis–Ord Gi* on the twelve-month
 * ED counts by LSOA, the emerging-hotspot class of each LSOA over those
 * months (sfhotspot's rules), and the premises ranked by repeat assaults with
 * each one's share of all assaults attributed to premises. Worked out from
 * the pack's published counts; a count not published is taken as 0, and the
 * section says how many were.
 */
import { queenContiguity } from '../../aggregate/contiguity.ts';
import { classifyArea, type EmergingCategory } from '../../aggregate/emerging-hotspots.ts';
import { giStar, type GiStarResult } from '../../aggregate/getis-ord.ts';
import { tableFromCounts, countItems } from '../../aggregate/count-table.ts';
import { monthsEnding } from '../../aggregate/months.ts';
import { periodLabel } from '../../aggregate/tables.ts';
import { TOTAL, type CountTable, type ProtectedRelease } from '../../disclose/types.ts';
import { lsoaCodeOf } from '../area.ts';
import type { PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { significant } from '../figures.ts';
import { toCsv } from '../render/csv.ts';
import { placementOf, renderMappedShare, renderRankedShare } from '../placement.ts';
import { html, type Html } from '../render/html.ts';

export const LSOA_MONTHS_TABLE = 'lsoa-month-12';
export const PREMISES_YEAR_TABLE = 'premises-12-months';
const RANKED_PREMISES = 15;

export interface HotspotPrepared {
  months: string[];
  premisesNames: Map<string, string>;
}

export function prepareHotspots(input: PackInput): { tables: CountTable[]; prepared: HotspotPrepared } {
  const months = monthsEnding(input.month, 12).filter((month) => input.monthsReceived.has(month));
  const label = months.length > 0 ? periodLabel(months) : 'no months';
  const lsoaMonths = input.reads.lsoaMonthTable(months, input.area, LSOA_MONTHS_TABLE);
  const premises = input.licensing.premises ?? [];
  const attributed = premises.length > 0 && months.length > 0 ? input.reads.attributeToPremises(months, premises) : [];
  const premisesNames = new Map(premises.map((p) => [p.id, p.name]));
  // Only premises with an attributed assault are named: a premises with none appears nowhere in the release.
  const counts = countItems(attributed, { premises: (assault) => assault.premisesId });
  const named = Object.fromEntries(counts.map((count) => [count.keys.premises!, premisesNames.get(count.keys.premises!) ?? count.keys.premises!]));
  const premisesTable = tableFromCounts(PREMISES_YEAR_TABLE, `Assaults attributed to premises, ${label}`, [{ name: 'premises', label: 'Premises', values: [], valueLabels: named }], counts);
  return { tables: [lsoaMonths, premisesTable], prepared: { months, premisesNames } };
}

export interface LsoaHotspot extends GiStarResult {
  code: string;
  label: string;
  count: number;
  emerging: EmergingCategory | null;
}

/** Gi* on the published twelve-month counts and the emerging class from the published monthly counts. */
export function lsoaHotspots(input: PackInput, prepared: HotspotPrepared, release: ProtectedRelease): { rows: LsoaHotspot[]; notPublished: number } {
  if (!input.boundaries) return { rows: [], notPublished: 0 };
  const index = new ProtectedTableIndex(findTable(release.tables, LSOA_MONTHS_TABLE));
  const features = input.boundaries.features;
  const codes = features.map((feature, i) => lsoaCodeOf(feature, i));
  const known = new Set(index.dimension('lsoa').values);
  let notPublished = 0;
  const published = (keys: Record<string, string>) => {
    const value = index.value(keys);
    if (value === null) notPublished += 1;
    return value ?? 0;
  };
  const neighbours = queenContiguity(features.map((feature) => feature.geometry));
  const totals = codes.map((code) => (known.has(code) ? published({ lsoa: code, month: TOTAL }) : 0));
  const overall = giStar(totals, neighbours);
  const monthly = prepared.months.length >= 2 ? prepared.months.map((month) => giStar(codes.map((code) => (known.has(code) ? published({ lsoa: code, month }) : 0)), neighbours)) : [];
  const rows = codes.map((code, i) => ({
    ...overall[i]!,
    code,
    label: known.has(code) ? index.labelOf('lsoa', code) : code,
    count: totals[i]!,
    emerging: monthly.length >= 2 ? classifyArea(monthly.map((results) => ({ z: results[i]!.z, p: results[i]!.p }))) : null,
  }));
  return { rows, notPublished };
}

const orNull = (value: number | null) => (value === null ? null : significant(value));

export function hotspotCsv(rows: LsoaHotspot[]): string {
  return toCsv(
    ['lsoa_code', 'count', 'gi_star_z', 'p_value', 'p_adjusted', 'hotspot', 'emerging'],
    rows.map((row) => [row.code, row.count, orNull(row.z), orNull(row.p), orNull(row.pAdjusted), row.hotspot, row.emerging ?? '']),
  );
}

export const HOTSPOT_METHOD =
  'Hotspots are Getis–Ord Gi* z-scores (Ord & Getis 1995) on LSOA counts: neighbours are LSOAs sharing at least one boundary point (queen contiguity), the LSOA itself included, binary weights; Gi* = (Σ w·x − x̄·W) / (s·√((n·W − W²)/(n − 1))) with x̄ and s (divisor n) over all n LSOAs. p is two-sided, adjusted across LSOAs by Benjamini–Hochberg; hot or cold at 99, 95 or 90 % means an adjusted p of at most 0.01, 0.05 or 0.10. Emerging, persistent, intermittent and former hotspots follow the rules of the R package sfhotspot (hotspot_prop 0.1, persistent_prop 0.8, recent_prop 0.2, critical_p 0.05, each LSOA\'s monthly p-values Holm-adjusted) on monthly Gi*.';

function format(value: number | null, digits: number): string {
  return value === null ? '–' : value < 0.001 && value > 0 && digits === 3 ? '< 0.001' : value.toFixed(digits);
}

export function renderHotspotSection(input: PackInput, prepared: HotspotPrepared, release: ProtectedRelease): Html {
  const period = prepared.months.length > 0 ? periodLabel(prepared.months) : 'no months';
  const { rows, notPublished } = lsoaHotspots(input, prepared, release);
  const significant = rows.filter((row) => row.hotspot !== 'none').sort((a, b) => (b.z ?? 0) - (a.z ?? 0));
  const patterned = rows.filter((row) => row.emerging !== null && row.emerging !== 'no pattern');
  const premises = new ProtectedTableIndex(findTable(release.tables, PREMISES_YEAR_TABLE));
  const total = premises.value({});
  const ranked = premises
    .dimension('premises')
    .values.map((id) => ({ id, value: premises.value({ premises: id }), display: premises.display({ premises: id }) }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
    .slice(0, RANKED_PREMISES);
  return html`<section data-section="hotspots"><h2>Hotspots that are more than chance, ${period}</h2>
${!input.boundaries
  ? html`<p>No LSOA boundaries were supplied, so neighbours (and Gi*) cannot be worked out.</p>`
  : html`${significant.length === 0 ? html`<p>No LSOA is a statistically significant hot or cold spot over these months.</p>` : html`<table data-hotspots><caption>Significant hot and cold spots (Gi*), ${period}</caption><thead><tr><th>LSOA</th><th>Attendances</th><th>Gi* z</th><th>p (BH)</th><th>Class</th><th>Over the months</th></tr></thead><tbody>${significant.map((row) => html`<tr><th class="row">${row.label}</th><td>${String(row.count)}</td><td>${format(row.z, 2)}</td><td>${format(row.pAdjusted, 3)}</td><td>${row.hotspot.replace('_', ' ')} %</td><td>${row.emerging ?? ''}</td></tr>`)}</tbody></table>`}
${patterned.length > 0 ? html`<table data-emerging><caption>Hotspot pattern over the months (LSOAs with one)</caption><thead><tr><th>LSOA</th><th>Pattern</th></tr></thead><tbody>${patterned.map((row) => html`<tr><th class="row">${row.label}</th><td>${row.emerging ?? ''}</td></tr>`)}</tbody></table>` : html`<p>No LSOA shows a persistent, emerging, intermittent or former hotspot pattern over these months.</p>`}
${renderMappedShare(placementOf(findTable(release.tables, LSOA_MONTHS_TABLE)))}
<p class="small">All LSOAs with their Gi* are in <a href="hotspots.csv">hotspots.csv</a>.${notPublished > 0 ? ` ${notPublished} count(s) not published under this pack's disclosure policy were taken as 0.` : ''}</p>`}
<h3>Repeat locations: premises</h3>
${ranked.length === 0 || total === 0
  ? html`<p>No assaults were attributed to premises over these months.</p>`
  : html`<table data-premises-ranking><caption>Premises ranked by assaults attributed to them, ${period}</caption><thead><tr><th>Premises</th><th>Assaults</th><th>Share of all attributed</th></tr></thead><tbody>${ranked.map((entry) => html`<tr><th class="row">${prepared.premisesNames.get(entry.id) ?? entry.id}</th><td>${entry.display}</td><td>${entry.value === null || total === null || total === 0 ? '–' : `${((100 * entry.value) / total).toFixed(1)} %`}</td></tr>`)}</tbody></table>
<p class="small">Share of the ${premises.display({})} assaults attributed to any premises (inside, outside or near it; see the licensing pack for how).</p>
${renderRankedShare({ value: total, display: premises.display({}) }, placementOf(findTable(release.tables, LSOA_MONTHS_TABLE)).total, 'at premises')}`}
<p class="small">${HOTSPOT_METHOD}</p>
</section>`;
}
