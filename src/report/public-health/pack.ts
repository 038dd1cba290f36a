/**
 * The public-health pack: trends, rates per 1,000 residents by LSOA, age and
 * sex, alcohol, domestic violence and repeat attendances, under the
 * public-health disclosure policy. Rolling twelve-month tables keep small
 * areas and groups above the thresholds more often than single months would.
 * It names no premises: premises belong to the licensing pack.
 */
import { monthLabel, monthsEnding } from '../../aggregate/months.ts';
import { periodLabel, rollingYear } from '../../aggregate/tables.ts';
import { monthlyChanges } from '../figures.ts';
import { COMMON_CAVEATS, disclosureCaveat, releaseJson, subtitle, tableFiles, type PackBuilder, type PackFile, type PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { renderBarChart } from '../render/charts.ts';
import { lsoaValuesGeoJson } from '../render/geojson.ts';
import { html, renderDocument, renderTable } from '../render/html.ts';
import { renderChangeTable, renderTrend } from '../render/sections.ts';
import { renderCoverageStatement, renderCoverageTable } from '../coverage.ts';
import { renderPlaceRates, renderRepeats, renderResidenceRates } from './rates.ts';
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
        input.reads.monthWeaponTable(input.coverage.monthsWithData(monthsEnding(input.month, 24))),
        input.reads.lsoaWeaponTable(input.month, input.area),
        input.reads.rollingYearsTable(input.month),
        input.reads.lsoaTable(year, input.area, 'lsoa-12-months'),
        input.reads.wardWeaponTable(input.month, input.area),
        input.reads.ageSexTable(year),
        input.reads.alcoholTable(year),
        input.reads.relationshipTable(year),
        input.reads.domesticTable(year),
        input.reads.repeatAttendanceTable(year),
        input.reads.repeatLinkageTable(year),
        input.reads.residenceLsoaTable(year, input.area),
        input.reads.locationTypeTable(year),
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
    const place = renderPlaceRates(input, release, yearLabel);
    const body = html`
${renderCoverageStatement(input.coverage, month, { partialAllowed: input.partialAllowed })}
<section><h2>Trend</h2>
${renderChangeTable(changes)}
${renderTrend(trend, input.coverage, trendMonths, { title: 'Assault attendances per month, last 24 months', columns: 'weapon' })}
${renderCoverageTable(input.coverage, input.coverage.fromFirstData(trendMonths))}
</section>
${place.html}
${renderResidenceRates(input, release, yearLabel)}
<section><h2>Wards</h2>
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
${renderTable(findTable(release.tables, 'location-type'), { rows: 'location_type' })}
${renderRepeats(release, yearLabel)}
</section>`;
    const description = { name: `istv-lsoa-${month}`, title: place.title, method_statement: release.methodStatement };
    const files: PackFile[] = [
      { path: 'index.html', content: renderDocument({ title: `Assault attendances: public health, ${monthLabel(month)}`, subtitle: subtitle(input, 'Public health', monthLabel(month)), methodStatement: release.methodStatement, marking: input.markings['public-health'], caveats: [...COMMON_CAVEATS, disclosureCaveat(input, 'public-health')], revised: input.revised, body }), printToPdf: true },
      ...tableFiles(release),
      releaseJson(release, input),
    ];
    if (input.boundaries) files.push({ path: 'lsoa-rates.geojson', content: lsoaValuesGeoJson(input.boundaries, place.counts, description, place.rates ?? undefined) });
    return files;
  },
};
