/**
 * The "ED beside police" section of the police and public-health packs: the
 * two counts by LSOA and ward over the rolling twelve months, the ED:police
 * ratio with its interval, the areas of "hidden violence", and a map pair.
 *
 * Every figure is worked out from the pack's protected counts, so the section
 * shows nothing the pack's disclosure policy would not: an area whose ED or
 * police count is not published gets no ratio and no test.
 */
import { UNPLACED } from '../../aggregate/dimensions.ts';
import { compareEdAndPolice, HIDDEN_VIOLENCE_FDR, type AreaComparison, type AreaCounts } from '../../aggregate/ed-police.ts';
import { ED_POLICE_LSOA_TABLE, ED_POLICE_WARD_TABLE } from '../../aggregate/ed-police-tables.ts';
import { periodLabel } from '../../aggregate/tables.ts';
import type { CountTable, ProtectedRelease, ProtectedTable } from '../../disclose/types.ts';
import type { PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { html, type Html } from '../render/html.ts';
import { renderChoropleth, type MapValue } from '../render/map.ts';
import { placementOf, renderMappedShare } from '../placement.ts';

export interface EdPolicePrepared {
  months: string[];
  crimeTypes: string[];
}

export function prepareEdPolice(input: PackInput): { tables: CountTable[]; prepared: EdPolicePrepared } {
  const months = input.reads.comparisonMonths(input.month, input.monthsReceived);
  const label = months.length > 0 ? periodLabel(months) : 'no months with both';
  return {
    tables: [input.reads.edPoliceLsoaTable(months, input.area, label), input.reads.edPoliceWardTable(months, input.area, label)],
    prepared: { months, crimeTypes: input.reads.policeCrimeTypes(months) },
  };
}

/** The published ED and police count of each area of a dimension (null where not published). */
function publishedCounts(table: ProtectedTable, dimension: 'lsoa' | 'ward'): Array<{ code: string; label: string; ed: number | null; police: number | null }> {
  const index = new ProtectedTableIndex(table);
  return index
    .dimension(dimension)
    .values.filter((code) => code !== UNPLACED)
    .map((code) => ({ code, label: index.labelOf(dimension, code), ed: index.value({ source: 'ed', [dimension]: code }), police: index.value({ source: 'police', [dimension]: code }) }));
}

export function compareFromRelease(table: ProtectedTable, dimension: 'lsoa' | 'ward'): { comparison: ReturnType<typeof compareEdAndPolice>; notShown: number } {
  const counts = publishedCounts(table, dimension);
  const shown = counts.filter((area): area is AreaCounts => area.ed !== null && area.police !== null);
  return { comparison: compareEdAndPolice(shown), notShown: counts.length - shown.length };
}

function ratioText(area: AreaComparison): string {
  if (area.ratioInterval === null) return '–';
  const [low, high] = area.ratioInterval;
  const value = area.ratio === null ? 'no police crimes' : area.ratio.toFixed(2);
  return `${value} (${low.toFixed(2)} to ${high === null ? 'unbounded' : high.toFixed(2)})`;
}

function comparisonTable(areas: AreaComparison[], caption: string, heading: string): Html {
  return html`<table data-ed-police>
<caption>${caption}</caption>
<thead><tr><th>${heading}</th><th>ED</th><th>Police</th><th>ED:police ratio (95 % CI)</th><th>ED share</th><th>p (BH)</th><th>Hidden violence</th></tr></thead>
<tbody>${areas.map(
    (area) =>
      html`<tr${area.hiddenViolence ? html` class="flag"` : ''}><th class="row">${area.label}</th><td>${String(area.ed)}</td><td>${String(area.police)}</td><td>${ratioText(area)}</td><td>${area.edShare === null ? '–' : `${(100 * area.edShare).toFixed(0)} %`}</td><td>${area.pAdjusted === null ? '–' : area.pAdjusted < 0.001 ? '< 0.001' : area.pAdjusted.toFixed(3)}</td><td>${area.hiddenViolence ? 'yes' : ''}</td></tr>`,
  )}</tbody>
</table>`;
}

function mapValues(table: ProtectedTable, source: 'ed' | 'police'): Map<string, MapValue> {
  const index = new ProtectedTableIndex(table);
  const values = new Map<string, MapValue>();
  for (const code of index.dimension('lsoa').values) {
    if (code === UNPLACED) continue;
    const cell = index.cell({ source, lsoa: code });
    values.set(code, { value: cell.value, display: cell.display, label: index.labelOf('lsoa', code) });
  }
  return values;
}

export const ED_POLICE_METHOD =
  'ED:police ratios and their 95 % intervals are exact (Clopper–Pearson on the ED share of the two counts). An area is "hidden violence" when its ED share is above the share across all areas shown, by a one-sided exact binomial test, with p-values adjusted across areas by Benjamini–Hochberg at a false discovery rate of 5 %. Both are worked out from the published counts.';

export function renderEdPoliceSection(input: PackInput, prepared: EdPolicePrepared, release: ProtectedRelease): Html {
  if (prepared.months.length === 0) {
    return html`<section data-section="ed-police"><h2>ED beside police</h2><p>No police data is held for the twelve months to ${input.month} in months with ED data. Import the force's police.uk files with <code>istv police import</code>.</p></section>`;
  }
  const period = periodLabel(prepared.months);
  const lsoaTable = findTable(release.tables, ED_POLICE_LSOA_TABLE);
  const wardTable = findTable(release.tables, ED_POLICE_WARD_TABLE);
  const lsoa = compareFromRelease(lsoaTable, 'lsoa');
  const ward = compareFromRelease(wardTable, 'ward');
  const hidden = lsoa.comparison.areas.filter((area) => area.hiddenViolence).sort((a, b) => (a.pAdjusted ?? 1) - (b.pAdjusted ?? 1));
  const highest = lsoa.comparison.areas.filter((area) => !area.hiddenViolence && area.ratio !== null).sort((a, b) => b.ratio! - a.ratio!).slice(0, 10);
  const share = lsoa.comparison.areaWideShare;
  const types = prepared.crimeTypes.length > 0 ? prepared.crimeTypes.join(', ') : 'none held';
  return html`<section data-section="ed-police"><h2>ED beside police, ${period}</h2>
<p>Emergency department assault attendances placed in an LSOA beside police-recorded crimes (${types}) in the same LSOA, over the ${String(prepared.months.length)} month(s) for which both are held. Across the areas shown the ED accounts for ${share === null ? '–' : `${(100 * share).toFixed(0)} %`} of the two counts together. ${hidden.length === 0 ? 'No LSOA has an ED share significantly above that.' : `${hidden.length} LSOA(s) have an ED share significantly above it: violence the ED sees that police records do not show ("hidden violence").`}</p>
${input.boundaries
  ? html`<div class="grid map-pair">${renderChoropleth(input.boundaries, mapValues(lsoaTable, 'ed'), { title: `ED assault attendances by LSOA, ${period}`, unit: 'ED assault attendances', width: 420, height: 380, placement: renderMappedShare(placementOf(lsoaTable, 'lsoa', { source: 'ed' }), 'ED assault attendances') })}${renderChoropleth(input.boundaries, mapValues(lsoaTable, 'police'), { title: `Police-recorded crimes by LSOA, ${period}`, unit: 'Police-recorded crimes', width: 420, height: 380, placement: renderMappedShare(placementOf(lsoaTable, 'lsoa', { source: 'police' }), 'police-recorded crimes', 'an LSOA outside the area, or none recorded') })}</div>`
  : html`<p>No LSOA boundaries were supplied, so there is no map.</p>`}
${hidden.length > 0 ? comparisonTable(hidden, `Hidden violence: LSOAs whose ED share is significantly above ${share === null ? '' : `${(100 * share).toFixed(0)} %`} (FDR ${HIDDEN_VIOLENCE_FDR})`, 'LSOA') : ''}
${highest.length > 0 ? comparisonTable(highest, 'Other LSOAs with the highest ED:police ratios', 'LSOA') : ''}
${comparisonTable(ward.comparison.areas, `ED beside police by ward, ${period}`, 'Ward')}
<p class="small">${ED_POLICE_METHOD}${lsoa.notShown > 0 ? ` ${lsoa.notShown} LSOA(s) whose ED or police count is not published are left out.` : ''} Police data is police.uk's street-level open data: its points are moved to a nearby "map point" for anonymity, and crimes recorded without a location are not counted. Police counts include crimes with no injury, which never come to an ED; a ratio is a comparison of two different things, best read between areas, not as a share of the truth.</p>
</section>`;
}
