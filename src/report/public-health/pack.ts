/**
 * The public-health pack: trends, rates per 1,000 residents by LSOA, age and
 * sex, alcohol, domestic violence and repeat attendances, under the
 * public-health disclosure policy. Rolling twelve-month tables keep small
 * areas and groups above the thresholds more often than single months would.
 * It names no premises: premises belong to the licensing pack.
 */
import { monthLabel, monthsEnding } from '../../aggregate/months.ts';
import {
  ageSexTable,
  alcoholTable,
  domesticTable,
  locationTypeTable,
  lsoaTable,
  lsoaWeaponTable,
  monthWeaponTable,
  periodLabel,
  relationshipTable,
  repeatAttendanceTable,
  rollingYear,
  rollingYearsTable,
  wardWeaponTable,
} from '../../aggregate/tables.ts';
import { monthlyChanges, ratePer1000 } from '../figures.ts';
import { COMMON_CAVEATS, releaseJson, subtitle, tableFiles, type PackBuilder, type PackFile, type PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { renderBarChart } from '../render/charts.ts';
import { lsoaValuesGeoJson } from '../render/geojson.ts';
import { html, renderCaveats, renderDocument, renderTable } from '../render/html.ts';
import { renderChoropleth, type MapValue } from '../render/map.ts';
import { lsoaMapValues, renderChangeTable, renderTrend } from '../render/sections.ts';
import { renderCoverageStatement, renderCoverageTable } from '../coverage.ts';
import { alertsTable, renderAlertsSection } from '../sections/alerts.ts';
import { prepareEdPolice, renderEdPoliceSection, type EdPolicePrepared } from '../sections/ed-police.ts';

/** Public health sees alerts for the area and its wards; premises belong to the police and licensing packs. */
const PUBLIC_HEALTH_ALERT_SCOPES = ['area', 'ward'] as const;

/** The core month × LSOA × weapon table, protected in this release and also written to reports/YYYY-MM/core/. */
export const CORE_TABLE_ID = 'lsoa-weapon';

export const publicHealthPack: PackBuilder<{ edPolice: EdPolicePrepared }> = {
  audience: 'public-health',
  prepare(input: PackInput) {
    // Tables count only the months with data: a month with none shows as "no data", never as 0.
    const year = input.coverage.monthsWithData(rollingYear(input.month));
    const edPolice = prepareEdPolice(input);
    return {
      tables: [
        monthWeaponTable(input.store, input.coverage.monthsWithData(monthsEnding(input.month, 24))),
        lsoaWeaponTable(input.store, input.month, input.area),
        rollingYearsTable(input.store, input.month),
        lsoaTable(input.store, year, input.area, 'lsoa-12-months'),
        wardWeaponTable(input.store, input.month, input.area),
        ageSexTable(input.store, year),
        alcoholTable(input.store, year),
        relationshipTable(input.store, year),
        domesticTable(input.store, year),
        repeatAttendanceTable(input.store, year),
        locationTypeTable(input.store, year),
        ...edPolice.tables,
        ...(input.alerts ? [alertsTable(input.alerts, PUBLIC_HEALTH_ALERT_SCOPES)] : []),
      ],
      prepared: { edPolice: edPolice.prepared },
    };
  },
  render(input, prepared, release) {
    const month = input.month;
    const fullYear = rollingYear(month);
    const year = input.coverage.monthsWithData(fullYear);
    const yearLabel = year.length === fullYear.length ? periodLabel(year) : `${periodLabel(year)} (${year.length} of 12 months have data)`;
    const trendMonths = monthsEnding(month, 24);
    const trend = findTable(release.tables, 'month-weapon');
    const trendIndex = new ProtectedTableIndex(trend);
    const rolling = new ProtectedTableIndex(findTable(release.tables, 'rolling-years'));
    const changes = monthlyChanges(month, trendIndex, rolling, input.coverage);
    const lsoaCounts = findTable(release.tables, 'lsoa-12-months');
    const counts = lsoaMapValues(lsoaCounts);
    const lsoaIndex = new ProtectedTableIndex(lsoaCounts);
    const population = new Map(input.area.map((lsoa) => [lsoa.code, lsoa.population] as const));
    const hasPopulation = input.area.some((lsoa) => lsoa.population !== undefined);
    const rates = new Map<string, MapValue>();
    for (const [code, entry] of counts) rates.set(code, { ...ratePer1000(lsoaIndex.cell({ lsoa: code }), population.get(code), input.rateMinimumCount), label: entry.label });
    const rateRows = [...rates].filter(([, rate]) => rate.value !== null).sort((a, b) => b[1].value! - a[1].value!).slice(0, 15);
    const mapTitle = hasPopulation ? `Assault attendances per 1,000 residents by LSOA, ${yearLabel}` : `Assault attendances by LSOA, ${yearLabel}`;
    const body = html`
${renderCoverageStatement(input.coverage, month, { partialAllowed: input.partialAllowed })}
<section><h2>Trend</h2>
${renderChangeTable(changes)}
${renderTrend(trend, input.coverage, trendMonths, { title: 'Assault attendances per month, last 24 months', columns: 'weapon' })}
${renderCoverageTable(input.coverage, input.coverage.fromFirstData(trendMonths))}
</section>
<section><h2>Where: rates by LSOA</h2>
${input.boundaries ? renderChoropleth(input.boundaries, hasPopulation ? rates : counts, { title: mapTitle, unit: hasPopulation ? 'Per 1,000 usual residents (census count carried by the boundaries)' : 'Assault attendances' }) : html`<p>No LSOA boundaries were supplied, so there is no map.</p>`}
<p class="small">Rates are worked out from the published (protected) counts and are not shown where the count is under ${String(input.rateMinimumCount ?? 0)}.</p>
${rateRows.length === 0 ? html`<p>No LSOA has enough attendances for a rate to be shown.</p>` : html`<table data-rates><caption>Highest rates per 1,000 residents, ${yearLabel}</caption><thead><tr><th>LSOA</th><th>Attendances</th><th>Residents</th><th>Rate per 1,000</th></tr></thead><tbody>${rateRows.map(([code, rate]) => html`<tr><th class="row">${rate.label ?? code}</th><td data-table="lsoa-12-months" data-keys="${JSON.stringify(lsoaIndex.keysOf({ lsoa: code }))}">${lsoaIndex.display({ lsoa: code })}</td><td>${String(population.get(code) ?? '')}</td><td>${rate.display}</td></tr>`)}</tbody></table>`}
${renderTable(findTable(release.tables, 'ward-weapon'), { rows: 'ward', columns: 'weapon' })}
</section>
${renderEdPoliceSection(input, prepared.edPolice, release)}
${renderAlertsSection(input.alerts, PUBLIC_HEALTH_ALERT_SCOPES, release)}
<section><h2>Who: age and sex, ${yearLabel}</h2>
${renderTable(findTable(release.tables, 'age-sex'), { rows: 'age_band', columns: 'sex' })}
</section>
<section><h2>Alcohol, domestic violence and repeat attendances, ${yearLabel}</h2>
<div class="grid">
${renderTable(findTable(release.tables, 'alcohol'), { rows: 'alcohol' })}
${renderTable(findTable(release.tables, 'domestic'), { rows: 'domestic' })}
</div>
${renderBarChart(findTable(release.tables, 'relationship'), { dimension: 'relationship', title: `Relationship to the assailant, ${yearLabel}` })}
${renderTable(findTable(release.tables, 'relationship'), { rows: 'relationship' })}
${renderTable(findTable(release.tables, 'repeat-attendances'), { rows: 'attendances' })}
<p class="small">Repeat attendances link records by a keyed pseudonym of the NHS number; the pseudonym never leaves the store and only counts of people are published.</p>
${renderTable(findTable(release.tables, 'location-type'), { rows: 'location_type' })}
</section>
<section><h2>Caveats</h2>${renderCaveats(COMMON_CAVEATS)}</section>`;
    const description = { name: `istv-lsoa-${month}`, title: mapTitle, method_statement: release.methodStatement };
    const files: PackFile[] = [
      { path: 'index.html', content: renderDocument({ title: `Assault attendances: public health, ${monthLabel(month)}`, subtitle: subtitle(input, 'Public health', monthLabel(month)), methodStatement: release.methodStatement, revised: input.revised, body }) },
      ...tableFiles(release),
      releaseJson(release, input),
    ];
    if (input.boundaries) files.push({ path: 'lsoa-rates.geojson', content: lsoaValuesGeoJson(input.boundaries, counts, description, hasPopulation ? rates : undefined) });
    return files;
  },
};
