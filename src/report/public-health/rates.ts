/**
 * The public-health pack's rates and what they stand on, each labelled with
 * what it divides by what:
 * - by place of assault: attendances for assaults that happened in an LSOA per
 *   1,000 people who live there (a place measure: in a town centre most
 *   victims live elsewhere);
 * - by residence: attendances of patients who live in an LSOA per 1,000 of its
 *   residents (a population measure), from the residence LSOA the de-identify
 *   stage derives from a patient postcode, only when extracts send one;
 * - repeat attendances, after how many attendances could be linked at all.
 * An LSOA without a population gets no rate, and says so; with no population
 * at all the map shows counts, under a heading that says counts.
 */
import { RESIDENCE_NOT_KNOWN } from '../../aggregate/tables.ts';
import type { ProtectedRelease } from '../../disclose/types.ts';
import { ratePer1000 } from '../figures.ts';
import type { PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { html, renderTable, type Html } from '../render/html.ts';
import { placementOf, renderMappedShare } from '../placement.ts';
import { renderChoropleth, type MapValue } from '../render/map.ts';
import { lsoaMapValues } from '../render/sections.ts';

const TOP_RATES = 15;

export interface PlaceRates {
  html: Html;
  /** Counts by LSOA of the assault, for the GeoJSON. */
  counts: Map<string, MapValue>;
  /** Rates per 1,000 residents, or null when no LSOA has a population. */
  rates: Map<string, MapValue> | null;
  title: string;
}

function populationOf(input: PackInput): Map<string, number | undefined> {
  return new Map(input.area.map((lsoa) => [lsoa.code, lsoa.population] as const));
}

function ratesFrom(counts: Map<string, MapValue>, index: ProtectedTableIndex, dimension: string, population: Map<string, number | undefined>, minimum: number | null): Map<string, MapValue> {
  const rates = new Map<string, MapValue>();
  for (const [code, entry] of counts) rates.set(code, { ...ratePer1000(index.cell({ [dimension]: code }), population.get(code), minimum), label: entry.label });
  return rates;
}

function rateTable(caption: string, rows: Array<[string, MapValue]>, tableId: string, dimension: string, index: ProtectedTableIndex, population: Map<string, number | undefined>): Html {
  return html`<table data-rates="${tableId}"><caption>${caption}</caption><thead><tr><th>LSOA</th><th>Attendances</th><th>Residents</th><th>Rate per 1,000 residents</th></tr></thead><tbody>${rows.map(
    ([code, rate]) =>
      html`<tr><th class="row">${rate.label ?? code}</th><td data-table="${tableId}" data-keys="${JSON.stringify(index.keysOf({ [dimension]: code }))}">${index.display({ [dimension]: code })}</td><td>${String(population.get(code) ?? '')}</td><td>${rate.display}</td></tr>`,
  )}</tbody></table>`;
}

/** LSOAs of the area with no population, by name, for the note under a map. */
function withoutPopulation(input: PackInput): string[] {
  return input.area.filter((lsoa) => lsoa.population === undefined).map((lsoa) => (lsoa.name ? `${lsoa.name} (${lsoa.code})` : lsoa.code));
}

function minimumNote(input: PackInput): Html {
  return html`<p class="small">Rates are worked out from the published (protected) counts and are not shown where the count is under ${String(input.rateMinimumCount ?? 0)}.</p>`;
}

export function renderPlaceRates(input: PackInput, release: ProtectedRelease, yearLabel: string): PlaceRates {
  const table = findTable(release.tables, 'lsoa-12-months');
  const counts = lsoaMapValues(table);
  const index = new ProtectedTableIndex(table);
  const population = populationOf(input);
  const missing = withoutPopulation(input);
  const anyPopulation = input.area.some((lsoa) => lsoa.population !== undefined);
  if (!anyPopulation) {
    const title = `Assault attendances by LSOA where the assault happened, ${yearLabel} (counts)`;
    return {
      counts,
      rates: null,
      title,
      html: html`<section><h2>Where assaults happened: counts by LSOA</h2>
<p data-no-population><strong>No rates:</strong> no population is stored for the area's LSOAs, so the map and table show counts of attendances, not rates. Build the gazetteer with <code>istv gazetteer build --population</code> (ONS population by LSOA) to get rates per resident.</p>
${input.boundaries ? renderChoropleth(input.boundaries, counts, { title, unit: 'Assault attendances (counts, not rates)', placement: renderMappedShare(placementOf(table), 'assault attendances') }) : html`<p>No LSOA boundaries were supplied, so there is no map.</p>`}
</section>`,
    };
  }
  const rates = ratesFrom(counts, index, 'lsoa', population, input.rateMinimumCount);
  const top = [...rates].filter(([, rate]) => rate.value !== null).sort((a, b) => b[1].value! - a[1].value!).slice(0, TOP_RATES);
  const title = `Rate by place of assault: attendances per 1,000 residents of the LSOA where the assault happened, ${yearLabel}`;
  return {
    counts,
    rates,
    title,
    html: html`<section><h2>Where assaults happened: rates by place of assault</h2>
<p>Each LSOA's attendances for assaults that <em>happened</em> there, per 1,000 people who <em>live</em> there. It measures places, not people: in town centres and around the night-time economy most victims live elsewhere, so a high rate marks a place where violence happens, not a population at risk (for that, see rates by residence below).</p>
${missing.length > 0 ? html`<p class="small" data-no-population>No population is stored for ${String(missing.length)} of ${String(input.area.length)} LSOAs, which are left without a rate: ${missing.join(', ')}.</p>` : ''}
${input.boundaries ? renderChoropleth(input.boundaries, rates, { title, unit: 'Per 1,000 residents (place of assault)', placement: renderMappedShare(placementOf(table), 'assault attendances') }) : html`<p>No LSOA boundaries were supplied, so there is no map.</p>`}
${minimumNote(input)}
${top.length === 0 ? html`<p>No LSOA has enough attendances for a rate to be shown.</p>` : rateTable(`Highest rates by place of assault, ${yearLabel}`, top, 'lsoa-12-months', 'lsoa', index, population)}
</section>`,
  };
}

export function renderResidenceRates(input: PackInput, release: ProtectedRelease, yearLabel: string): Html {
  const table = findTable(release.tables, 'residence-lsoa');
  const index = new ProtectedTableIndex(table);
  const total = index.cell({});
  const notKnown = index.cell({ residence: RESIDENCE_NOT_KNOWN });
  const known = (total.value ?? 0) - (notKnown.value ?? total.value ?? 0);
  if (total.value !== null && notKnown.value !== null && known <= 0) {
    return html`<section><h2>Where patients live: not known</h2>
<p data-no-residence>No rate by residence can be given: none of the ${total.display} attendances of ${yearLabel} has an LSOA of residence. The extracts sent no patient postcode (or only postcodes outside the area). Where a site sends the patient's postcode, istv works out the LSOA of residence when it de-identifies the row and keeps only the LSOA, never the postcode.</p>
</section>`;
  }
  const population = populationOf(input);
  const counts = lsoaMapValues(table, {}, 'residence', [RESIDENCE_NOT_KNOWN]);
  const anyPopulation = input.area.some((lsoa) => lsoa.population !== undefined);
  const coverage = html`<p data-residence-coverage>${notKnown.display} of ${total.display} attendances of ${yearLabel} have no LSOA of residence in the area (no patient postcode sent, or the patient lives outside the area); the rest are counted where the patient lives. The LSOA is worked out from the patient's postcode when the row is de-identified; the postcode is not kept.</p>`;
  if (!anyPopulation) {
    return html`<section><h2>Where patients live: counts by residence</h2>${coverage}
<p>No population is stored for the area's LSOAs, so these are counts, not rates.</p>
${input.boundaries ? renderChoropleth(input.boundaries, counts, { title: `Assault attendances by the patient's LSOA of residence, ${yearLabel} (counts)`, unit: 'Assault attendances (counts, not rates)' }) : ''}
</section>`;
  }
  const rates = ratesFrom(counts, index, 'residence', population, input.rateMinimumCount);
  const top = [...rates].filter(([, rate]) => rate.value !== null).sort((a, b) => b[1].value! - a[1].value!).slice(0, TOP_RATES);
  const title = `Rate by residence: attendances per 1,000 residents of the patient's LSOA, ${yearLabel}`;
  return html`<section><h2>Where patients live: rates by residence</h2>${coverage}
<p>Attendances of patients who <em>live</em> in each LSOA, per 1,000 of its residents, wherever the assault happened: a measure of the resident population's risk. Patients without a known residence are left out, so these rates are a floor.</p>
${input.boundaries ? renderChoropleth(input.boundaries, rates, { title, unit: 'Per 1,000 residents (residence)' }) : ''}
${minimumNote(input)}
${top.length === 0 ? html`<p>No LSOA has enough attendances by residence for a rate to be shown.</p>` : rateTable(`Highest rates by residence, ${yearLabel}`, top, 'residence-lsoa', 'residence', index, population)}
</section>`;
}

/** How many attendances could be linked at all, then the repeat counts among them. */
export function renderRepeats(release: ProtectedRelease, yearLabel: string): Html {
  const linkage = new ProtectedTableIndex(findTable(release.tables, 'repeat-linkage'));
  const linkable = linkage.cell({ linkable: 'yes' });
  const total = linkage.cell({});
  const coverage = html`<p data-linkage>Repeat attendances can be counted only among attendances that carry a pseudonym key (a keyed code made from the NHS number the site sent; the key never leaves the store). In ${yearLabel}, <strong>${linkable.display} of ${total.display}</strong> attendances could be linked; the others cannot be told apart, so a person who came back among them is not counted as a repeat.</p>`;
  if (linkable.value === 0) return html`<h3>Repeat attendances</h3>${coverage}<p>With no linkable attendance, repeat attendances cannot be counted.</p>`;
  return html`<h3>Repeat attendances</h3>${coverage}
${renderTable(findTable(release.tables, 'repeat-linkage'), { rows: 'linkable' })}
${renderTable(findTable(release.tables, 'repeat-attendances'), { rows: 'attendances', caption: `People by number of attendances, among the ${linkable.display} linkable attendances, ${yearLabel}` })}`;
}
