/**
 * The licensing pack: one report per premises with attributed assaults, for an
 * officer to attach to a representation or a licence review (Licensing Act
 * 2003: crime and disorder, public safety), and an index of all of them.
 * Committees reject generic area data; each report is about one premises,
 * identified as its licence identifies it: its monthly history, the hours and
 * days against its licensed hours, glass and bottles, inside or outside, an
 * incident schedule, a locator map, its rank, what was not counted, and where
 * every number comes from. Each report also comes as a hearing-bundle edition:
 * the method written for a committee, and nothing the licensing disclosure
 * policy does not let the officer disclose (no location texts).
 */
import { hourDimension, weaponDimension, WEEKDAY_LABELS } from '../../aggregate/dimensions.ts';
import { monthLabel, monthsEnding } from '../../aggregate/months.ts';
import {
  premisesAttributionTable,
  premisesGlassTable,
  premisesMonthTable,
  premisesNearbyTable,
  premisesTextVariants,
  premisesWeekdayHourTable,
  type AttributedAssault,
  type ExtractProvenance,
  type PremisesPoint,
  type TextVariant,
} from '../../aggregate/premises.ts';
import { periodLabel } from '../../aggregate/tables.ts';
import type { ProtectedRelease } from '../../disclose/types.ts';
import { renderCoverageStatement, renderCoverageTable } from '../coverage.ts';
import { renderTrend } from '../render/sections.ts';
import { COMMON_CAVEATS, disclosureCaveat, releaseJson, subtitle, tableFiles, type PackBuilder, type PackFile, type PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { rankValues, renderBarChart, renderHeatmap } from '../render/charts.ts';
import { csvMetadata, toCsv } from '../render/csv.ts';
import { html, renderDocument, renderTable, type Html } from '../render/html.ts';
import { premisesTitle } from './candidates.ts';
import { renderPremisesMap } from './premises-map.ts';
import { renderRankedShare } from '../placement.ts';

export const MIN_LICENSING_MONTHS = 12;
export const MAX_LICENSING_MONTHS = 36;

export interface LicensingPrepared {
  months: string[];
  /** Premises with at least one attributed assault in the window, by id. */
  premises: PremisesPoint[];
  /** Every candidate premises (for the maps: others are drawn unnamed). */
  candidates: PremisesPoint[];
  /** Whether the candidates are licensed premises from the gazetteer (false: premises the geocoder matched, no gazetteer). */
  fromGazetteer: boolean;
  variants: Map<string, TextVariant[]>;
  /** Each premises' attributed assaults, by date: the incident schedule. */
  schedules: Map<string, AttributedAssault[]>;
  /** The extracts behind each premises' attributed assaults. */
  extracts: Map<string, ExtractProvenance[]>;
}

/** A premises id as a file name: lower case letters, digits and hyphens. */
export function premisesFileName(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'premises';
}

export const HEARING_BUNDLE_SUFFIX = '-hearing-bundle';

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** The attribution rule in one sentence: the pack, the reports and the hearing bundle all state it in these words. */
export function attributionRule(nearMetres: number): string {
  return `An assault attendance counts for a premises only when the location the patient gave names that premises: inside it (the hospital recorded licensed or commercial premises and the text does not put it outside) or outside or near it ("o/s", "nr", "opp" the named premises). A location that names another place (a station, landmark, junction, street or postcode) is never counted for a premises, however close; such attendances within ${nearMetres} m are shown beside the premises as context, outside its total and its rank.`;
}

const LICENSING_CAVEATS = [
  ...COMMON_CAVEATS,
  'Attribution is by what the location text names, not by distance (see "What is counted"). Being named does not show that the premises caused the assault or could have prevented it.',
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

/** The months a premises total counts, in words: the months with data, never the whole window when data starts later. */
function countedPeriod(input: PackInput, months: string[]): string {
  const withData = input.coverage.monthsWithData(months);
  if (withData.length === 0) return `no month of ${periodLabel(months)} has data`;
  return withData.length === months.length ? periodLabel(months) : `${periodLabel(withData)} (the ${withData.length} of ${months.length} months with data)`;
}

type Edition = 'officer' | 'hearing';

function identityRows(input: PackInput, prepared: LicensingPrepared, premises: PremisesPoint): Html {
  const namesakes = prepared.candidates.filter((other) => other.id !== premises.id && other.name.toLowerCase() === premises.name.toLowerCase());
  const noRegister = prepared.fromGazetteer ? 'not in a premises licence register (none configured, or the premises is not in it)' : 'not known (no gazetteer configured)';
  return html`<tr><th class="row">Premises</th><td style="text-align:left" data-premises-name>${premises.name}</td></tr>
<tr><th class="row">Address</th><td style="text-align:left" data-premises-address>${premises.address ?? 'not given by the sources'}</td></tr>
<tr><th class="row">Postcode</th><td style="text-align:left" data-premises-postcode>${premises.postcode ?? 'not given by the sources'}</td></tr>
<tr><th class="row">Premises licence number</th><td style="text-align:left" data-licence-number>${premises.licenceNumber ?? noRegister}</td></tr>
<tr><th class="row">Licensed hours</th><td style="text-align:left" data-licensed-hours>${premises.licensedHours ?? (premises.licenceNumber ? 'not given by the register' : noRegister)}</td></tr>
<tr><th class="row">Known from</th><td style="text-align:left">${(premises.sources ?? ['premises matched by the geocoder']).join('; ')}</td></tr>
<tr><th class="row">Location</th><td style="text-align:left">${premises.latitude.toFixed(5)}, ${premises.longitude.toFixed(5)} (reference ${premises.id})</td></tr>
${namesakes.length > 0 ? html`<tr><th class="row">Not to be confused with</th><td style="text-align:left" data-namesakes>${namesakes.map((other) => premisesTitle(other)).join('; ')}: ${namesakes.length === 1 ? 'another premises' : 'other premises'} of the same name, not covered by this report</td></tr>` : ''}`;
}

function scheduleSection(input: PackInput, prepared: LicensingPrepared, premises: PremisesPoint): Html {
  const schedule = prepared.schedules.get(premises.id) ?? [];
  if (input.licensingRecordLevel === false) {
    return html`<section><h2>Incident schedule</h2><p data-no-schedule>Not included: the licensing disclosure policy protects small counts, and a list of incidents would give them away. The officer can ask the analyst for the schedule under the information-sharing agreement.</p></section>`;
  }
  const sites = new Map(input.sites.map((site) => [site.code, site.name]));
  const weapons = weaponDimension().valueLabels ?? {};
  return html`<section><h2>Incident schedule</h2>
<p>Every attendance counted above, in date order, as the licensing disclosure policy allows (counts as recorded, for a responsible authority). Date and hour are of the assault as the patient gave them; the site is the emergency department that treated the patient. No patient detail is held.</p>
<table data-incident-schedule><thead><tr><th>#</th><th>Date</th><th>Hour</th><th>Day</th><th>Weapon</th><th>Where</th><th>Treated at</th></tr></thead><tbody>
${schedule.map((assault, index) => html`<tr><td>${index + 1}</td><td>${assault.date}</td><td>${assault.hour === null ? 'not recorded' : `${String(assault.hour).padStart(2, '0')}:00–${String(assault.hour).padStart(2, '0')}:59`}</td><td style="text-align:left">${WEEKDAY_LABELS[assault.weekday - 1] ?? ''}</td><td style="text-align:left">${weapons[assault.weapon] ?? assault.weapon}</td><td style="text-align:left">${assault.how === 'inside' ? 'Inside' : 'Outside or near'}</td><td style="text-align:left">${sites.get(assault.siteCode) ?? assault.siteCode}</td></tr>`)}
</tbody></table>
</section>`;
}

function provenanceSection(input: PackInput, prepared: LicensingPrepared, premises: PremisesPoint, release: ProtectedRelease): Html {
  const extracts = prepared.extracts.get(premises.id) ?? [];
  const sites = new Map(input.sites.map((site) => [site.code, site.name]));
  const gazetteer = input.provenance?.gazetteer ?? null;
  return html`<section data-provenance><h2>Where these figures come from</h2>
<h3>Extracts</h3>
${extracts.length === 0
  ? html`<p>No extract holds an attendance counted for this premises.</p>`
  : html`<table data-extracts><thead><tr><th>Emergency department</th><th>Month</th><th>File as received</th><th>Version</th><th>Received</th><th>SHA-256 (first 16)</th></tr></thead><tbody>
${extracts.map((extract) => html`<tr><th class="row">${sites.get(extract.siteCode) ?? extract.siteCode} (${extract.siteCode})</th><td>${monthLabel(extract.period)}</td><td style="text-align:left">${extract.fileName}</td><td>${extract.version === 1 ? '1' : `${extract.version} (resubmitted)`}</td><td>${extract.receivedAt.slice(0, 10)}</td><td style="font-family:monospace">${extract.sha256.slice(0, 16)}</td></tr>`)}
</tbody></table>`}
<p class="small">The current extract of each site and month is used; an extract resubmitted later replaces the earlier one.</p>
<h3>Places</h3>
${gazetteer === null
  ? html`<p>No gazetteer was configured: the premises are those the geocoder matched, and which of them are licensed is not known.</p>`
  : html`<p>Locations were matched against gazetteer version <code>${gazetteer.version}</code>${extracts.some((extract) => extract.gazetteerVersion !== null && extract.gazetteerVersion !== gazetteer.version) ? ' (some extracts were matched with an earlier version; see the extract table of the data-quality reports)' : ''}, built from:</p>
<table data-gazetteer-sources><thead><tr><th>Role</th><th>File</th><th>Format</th><th>Records</th></tr></thead><tbody>
${gazetteer.sources.map((source) => html`<tr><th class="row">${source.role}</th><td style="text-align:left">${source.file}</td><td style="text-align:left">${source.format}</td><td>${source.records}</td></tr>`)}
${gazetteer.register ? html`<tr><th class="row">licence register</th><td style="text-align:left">${gazetteer.register.file}</td><td style="text-align:left">premises licence register CSV, read at publication</td><td>${gazetteer.register.records}</td></tr>` : ''}
</tbody></table>`}
<h3>Software and method</h3>
<p>Produced by istv ${input.provenance?.softwareVersion ?? ''} on ${input.generatedAt.slice(0, 10)}. ${attributionRule(input.licensing.nearMetres)} Disclosure control: ${release.methodStatement}</p>
</section>`;
}

function committeeMethod(input: PackInput, premises: PremisesPoint): Html {
  const sites = input.sites.map((site) => site.name).join(', ');
  return html`<section data-committee-method><h2>Method statement for the committee</h2>
<p><strong>What the figures are.</strong> When someone is treated at an emergency department after an assault, reception staff ask where it happened and record the answer in a few words (for example "outside the Red Lion"). The hospitals (${sites || 'the emergency departments sharing data'}) send these records to the Community Safety Partnership every month without names or other details that identify the patient, under an information-sharing agreement (the Cardiff Model; NHS Information Sharing to Tackle Violence standard).</p>
<p><strong>How an attendance is linked to ${premises.name}.</strong> Software reads each description and finds the place it names in a gazetteer of named places built from open data (premises from OpenStreetMap, the Food Standards Agency register${premises.licenceNumber ? ' and the council’s premises licence register' : ''}; streets, stations and postcodes from Ordnance Survey and the Office for National Statistics). An attendance is counted for this premises only when its description names this premises, inside it or outside or near it. A description that names anything else (a station, a street, a junction, a postcode or a landmark) is never counted for the premises, however close that place is; the number of such attendances nearby is given separately as context and is not part of the total.</p>
<p><strong>What the figures do not show.</strong> They count only people who went to these emergency departments and gave a place; most assaults reach neither hospital nor police, so the figures are a minimum. Times, places and weapons are as the patient gave them and are not verified. That an assault is linked to a premises does not show that the premises caused it or could have prevented it.</p>
<p><strong>Disclosure.</strong> The figures are released under the partnership’s licensing disclosure policy (see Method at the end); this edition contains no location descriptions and nothing about any patient.</p>
</section>`;
}

function premisesReport(input: PackInput, prepared: LicensingPrepared, release: ProtectedRelease, premises: PremisesPoint, ranked: string[], edition: Edition): string {
  const monthly = findTable(release.tables, 'premises-month');
  const monthlyIndex = new ProtectedTableIndex(monthly);
  const nearby = new ProtectedTableIndex(findTable(release.tables, 'premises-nearby-context'));
  const glass = new ProtectedTableIndex(findTable(release.tables, `premises-${premises.id}-glass`));
  const glassCell = glass.cell({ glass_or_bottle: 'yes' });
  const totalCell = glass.cell({});
  const glassShare = glassCell.value !== null && totalCell.value !== null && totalCell.value > 0 ? `${Math.round((100 * glassCell.value) / totalCell.value)}%` : 'not shown (a count is not published)';
  const variants = prepared.variants.get(premises.id) ?? [];
  const period = periodLabel(prepared.months);
  const hours = hourDimension().values;
  const context = nearby.cell({ premises: premises.id });
  const body: Html = html`
${edition === 'hearing' ? html`<p class="revised" data-hearing-bundle>For a hearing bundle. Prepared for the licensing sub-committee and the parties; contains no location descriptions and nothing about any patient.</p>` : ''}
${renderCoverageStatement(input.coverage, input.month, { partialAllowed: input.partialAllowed })}
${dataPeriodNote(input, prepared.months)}
<section><h2>The premises</h2>
<table class="identity" data-premises-identity><tbody>
${identityRows(input, prepared, premises)}
<tr><th class="row">Period counted</th><td style="text-align:left">${countedPeriod(input, prepared.months)}</td></tr>
<tr><th class="row">Attributed assault attendances</th><td style="text-align:left" data-table="premises-month" data-keys="${JSON.stringify(monthlyIndex.keysOf({ premises: premises.id }))}">${monthlyIndex.display({ premises: premises.id })}</td></tr>
<tr><th class="row">Rank</th><td style="text-align:left">${rankText(ranked, premises.id, monthlyIndex)}</td></tr>
<tr><th class="row">Involving glass or a bottle</th><td style="text-align:left">${glassShare}</td></tr>
<tr><th class="row">Context, not counted</th><td style="text-align:left" data-nearby-context data-table="premises-nearby-context" data-keys="${JSON.stringify(nearby.keysOf({ premises: premises.id }))}">${context.display} attendance${context.value === 1 ? '' : 's'} within ${input.licensing.nearMetres} m whose location named another place (a station, junction or postcode): not in the total or the rank</td></tr>
</tbody></table>
${renderPremisesMap(premises, prepared.candidates, input.boundaries, { places: input.licensing.mapPlaces ?? [] })}
</section>
${edition === 'hearing' ? committeeMethod(input, premises) : html`<section><h2>What is counted</h2><p>${attributionRule(input.licensing.nearMetres)}</p></section>`}
<section><h2>Month by month</h2>
${renderTrend(monthly, input.coverage, prepared.months, { title: `Attributed assault attendances per month, ${period}`, fixed: { premises: premises.id }, caption: 'Attributed assault attendances by month' })}
</section>
<section><h2>Day of week and hour</h2>
<p>Licensed hours: ${premises.licensedHours ?? 'not known (no licence register gives them)'}.</p>
${renderHeatmap(findTable(release.tables, `premises-${premises.id}-weekday-hour`), { rows: 'weekday', columns: 'hour', columnValues: hours, title: `Attributed assaults by day and hour of assault, ${period}. Compare with the licensed hours.` })}
</section>
<section><h2>Weapons and where</h2>
<div class="grid">
${renderTable(findTable(release.tables, `premises-${premises.id}-glass`), { rows: 'glass_or_bottle' })}
${renderTable(findTable(release.tables, `premises-${premises.id}-attribution`), { rows: 'how' })}
</div>
</section>
${scheduleSection(input, prepared, premises)}
${edition === 'hearing'
  ? ''
  : html`<section><h2>How the premises was named</h2>
${input.licensingRecordLevel === false
  ? html`<p data-no-variants>Matched to <strong>${premises.name}</strong> in the gazetteer. The location texts are not listed in this pack: the licensing disclosure policy protects small counts, and a list of texts would give them away.</p>`
  : html`<p>Matched to <strong>${premises.name}</strong> in the gazetteer. The location texts that named it, as stored (only words of places are kept; every other word is [word] and every number outside a place name [number]), the matching method and the mean confidence (0 to 1). For the analyst's checking; not for a hearing bundle.</p>`}
${input.licensingRecordLevel === false ? '' : variants.length === 0 ? html`<p>No location text was recorded.</p>` : html`<table data-variants><thead><tr><th>Location text</th><th>Method</th><th>Confidence</th></tr></thead><tbody>${variants.map((variant) => html`<tr><th class="row">${variant.text}</th><td>${variant.method}</td><td>${variant.meanConfidence.toFixed(2)}</td></tr>`)}</tbody></table>`}
</section>`}
${provenanceSection(input, prepared, premises, release)}`;
  return renderDocument({
    title: `${edition === 'hearing' ? 'Hearing bundle: ' : 'Premises report: '}${premisesTitle(premises)}`,
    subtitle: subtitle(input, 'Licensing', period),
    methodStatement: release.methodStatement,
    marking: edition === 'hearing' ? input.markings['hearing-bundle'] : input.markings.licensing, caveats: [...LICENSING_CAVEATS, disclosureCaveat(input, 'licensing')],
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
    const fromGazetteer = input.licensing.premises !== null;
    const candidates = input.licensing.premises ?? input.reads.premisesFromStore();
    const assaults = input.reads.attributeToPremises(dataMonths, candidates);
    const attributedIds = new Set(assaults.map((assault) => assault.premisesId));
    // A premises with no attributed assault gets no report and is not named anywhere in the pack.
    const premises = candidates.filter((entry) => attributedIds.has(entry.id));
    const nearby = input.reads.nearbyContext(dataMonths, premises, nearMetres);
    const tables = [
      input.reads.attendancesByMonthTable(dataMonths),
      premisesMonthTable(assaults, premises, dataMonths),
      premisesNearbyTable(nearby, premises),
      ...premises.flatMap((entry) => [premisesWeekdayHourTable(assaults, entry.id), premisesGlassTable(assaults, entry.id), premisesAttributionTable(assaults, entry.id)]),
    ];
    const variants = new Map(premises.map((entry) => [entry.id, premisesTextVariants(assaults, entry.id)]));
    const schedules = new Map(premises.map((entry) => [entry.id, assaults.filter((assault) => assault.premisesId === entry.id)]));
    const extracts = new Map(premises.map((entry) => [entry.id, input.reads.extractProvenance((schedules.get(entry.id) ?? []).map((assault) => assault.extractId))]));
    return { tables, prepared: { months, premises, candidates, fromGazetteer, variants, schedules, extracts } };
  },
  render(input, prepared, release) {
    const monthly = findTable(release.tables, 'premises-month');
    const monthlyIndex = new ProtectedTableIndex(monthly);
    const ranked = rankValues(monthly, 'premises').filter((id) => monthlyIndex.value({ premises: id }) !== null);
    const order = [...ranked, ...prepared.premises.map((entry) => entry.id).filter((id) => !ranked.includes(id))];
    const byId = new Map(prepared.premises.map((entry) => [entry.id, entry]));
    const period = periodLabel(prepared.months);
    const hearing = input.licensing.hearingBundle !== false;
    const files: PackFile[] = prepared.premises.flatMap((entry) => [
      { path: `premises/${premisesFileName(entry.id)}.html`, content: premisesReport(input, prepared, release, entry, ranked, 'officer'), printToPdf: true },
      ...(hearing ? [{ path: `premises/${premisesFileName(entry.id)}${HEARING_BUNDLE_SUFFIX}.html`, content: premisesReport(input, prepared, release, entry, ranked, 'hearing'), printToPdf: true }] : []),
    ]);
    const indexRows = order.map((id) => {
      const entry = byId.get(id)!;
      const cell = monthlyIndex.cell({ premises: id });
      const rank = rankOf(ranked, id, monthlyIndex);
      return { entry, display: cell.display, rank: rank === null ? '' : String(rank) };
    });
    const reportLinks = (entry: PremisesPoint) => {
      const name = premisesFileName(entry.id);
      return html`<a href="premises/${name}.html">HTML</a> · <a href="premises/${name}.pdf">PDF</a>${hearing ? html` · <a href="premises/${name}${HEARING_BUNDLE_SUFFIX}.pdf">hearing bundle</a>` : ''}`;
    };
    const body = html`
${renderCoverageStatement(input.coverage, input.month, { partialAllowed: input.partialAllowed })}
${dataPeriodNote(input, prepared.months)}
<section><h2>Premises with attributed assaults, ${countedPeriod(input, prepared.months)}</h2>
<p>${prepared.premises.length} ${prepared.fromGazetteer ? 'licensed ' : ''}premises had at least one assault attendance attributed to them. ${attributionRule(input.licensing.nearMetres)} Ranked by attributed attendances over the period. Each has its own report${hearing ? ' and a hearing-bundle edition' : ''}.</p>
${prepared.fromGazetteer ? '' : html`<p class="revised" data-no-gazetteer>No gazetteer is configured: the premises below are every premises the geocoder matched, and whether each is licensed is not known.</p>`}
${renderRankedShare(monthlyIndex.cell({}), new ProtectedTableIndex(findTable(release.tables, 'attendances-month')).cell({}), 'at a premises their location named', 'assault attendances')}
${prepared.premises.length === 0 ? '' : renderBarChart(monthly, { dimension: 'premises', values: order.slice(0, 20), title: 'Attributed assault attendances, top premises' })}
<table data-premises-index><thead><tr><th>Rank</th><th>Premises</th><th>Address</th><th>Postcode</th><th>Licence</th><th>Attributed attendances</th><th>Report</th></tr></thead><tbody>
${indexRows.map(({ entry, display, rank }) => html`<tr><td>${rank}</td><th class="row">${entry.name}</th><td style="text-align:left">${entry.address ?? '—'}</td><td style="text-align:left">${entry.postcode ?? '—'}</td><td style="text-align:left">${entry.licenceNumber ?? '—'}</td><td data-table="premises-month" data-keys="${JSON.stringify(monthlyIndex.keysOf({ premises: entry.id }))}">${display}</td><td>${reportLinks(entry)}</td></tr>`)}
</tbody></table>
${prepared.premises.length === 0 ? '' : renderTable(monthly, { rows: 'premises', rowValues: order, caption: `Attributed assault attendances by premises and month, ${period}`, columns: 'month', columnValues: input.coverage.fromFirstData(prepared.months), monthNote: (m) => input.coverage.monthNote(m) })}
${renderCoverageTable(input.coverage, input.coverage.fromFirstData(prepared.months))}
</section>`;
    const columns = [
      { name: 'rank', title: 'Rank by attributed attendances', datatype: 'integer' as const },
      { name: 'premises_id', title: 'Premises reference' },
      { name: 'premises_name', title: 'Premises' },
      { name: 'address', title: 'Address' },
      { name: 'postcode', title: 'Postcode' },
      { name: 'licence_number', title: 'Premises licence number' },
      { name: 'licensed_hours', title: 'Licensed hours' },
      { name: 'attributed', title: `Attributed assault attendances, ${period}` },
      { name: 'report', title: 'Report file' },
    ];
    files.push(
      {
        path: 'index.html',
        content: renderDocument({ title: `Premises and assaults: licensing index, ${monthLabel(input.month)}`, subtitle: subtitle(input, 'Licensing', period), methodStatement: release.methodStatement, marking: input.markings.licensing, caveats: [...LICENSING_CAVEATS, disclosureCaveat(input, 'licensing')], revised: input.revised, body }),
        printToPdf: true,
      },
      {
        path: 'index.csv',
        content: toCsv(
          columns.map((column) => column.name),
          indexRows.map(({ entry, display, rank }) => [rank === '' ? null : Number(rank), entry.id, entry.name, entry.address ?? null, entry.postcode ?? null, entry.licenceNumber ?? null, entry.licensedHours ?? null, display, `premises/${premisesFileName(entry.id)}.html`]),
        ),
      },
      { path: 'index.csv-metadata.json', content: csvMetadata('index.csv', `Licensing index, ${period}`, release.methodStatement, columns) },
      ...tableFiles(release),
      releaseJson(release, input),
    );
    return files;
  },
};
