/**
 * The police pack (the Cardiff model proper): where and when assaults
 * concentrate, to send patrols to hotspots at the right hours. Hotspot
 * rankings of LSOAs, streets and premises, a choropleth of the borough, the
 * day × hour heatmap, weapons and their trend, and the de-identified records
 * as CSV and GeoJSON points for the force's own GIS.
 */
import { UNPLACED } from '../../aggregate/dimensions.ts';
import { monthsEnding, monthLabel } from '../../aggregate/months.ts';
import type { PoliceRecord } from '../../aggregate/records.ts';
import type { ProtectedRelease } from '../../disclose/types.ts';
import { monthlyChanges } from '../figures.ts';
import { COMMON_CAVEATS, disclosureCaveat, releaseJson, subtitle, tableFiles, type PackBuilder, type PackFile, type PackInput } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { rankValues, renderBarChart, renderHeatmap } from '../render/charts.ts';
import { toCsv, csvMetadata } from '../render/csv.ts';
import { policeRecordProperties, policeRecordsGeoJson } from '../render/geojson.ts';
import { html, renderDocument, renderTable, type Html } from '../render/html.ts';
import { renderChoropleth, type MapValue } from '../render/map.ts';
import { placementOf, renderMappedShare, renderRankedShare, type Shown } from '../placement.ts';
import { alertsTable, renderAlertsSection } from '../sections/alerts.ts';
import { prepareEdPolice, renderEdPoliceSection, type EdPolicePrepared } from '../sections/ed-police.ts';
import { hotspotCsv, lsoaHotspots, prepareHotspots, renderHotspotSection, type HotspotPrepared } from '../sections/hotspots.ts';
import { renderChangeTable, lsoaMapValues, renderTrend } from '../render/sections.ts';
import { renderCoverageStatement, renderCoverageTable } from '../coverage.ts';

const HOTSPOT_COUNT = 10;
const POLICE_ALERT_SCOPES = ['area', 'ward', 'premises'] as const;

export interface PolicePrepared {
  /** Null when the police policy protects counts: records would undo the protection, so none are released. */
  records: PoliceRecord[] | null;
  edPolice: EdPolicePrepared;
  hotspots: HotspotPrepared;
}

const RECORD_COLUMNS = [
  { name: 'ref', title: 'Sequence number in this release', datatype: 'integer' as const },
  { name: 'assault_date', title: 'Date of assault', datatype: 'date' as const },
  { name: 'assault_hour', title: 'Hour of assault (0-23)', datatype: 'integer' as const },
  { name: 'weekday', title: 'Day of week (1 = Monday)', datatype: 'integer' as const },
  { name: 'weapon', title: 'Weapon category' },
  { name: 'location_type', title: 'Location type' },
  { name: 'geocode_outcome', title: 'How the location was placed' },
  { name: 'place_name', title: 'Premises, street or landmark matched' },
  { name: 'lsoa_code', title: 'LSOA' },
  { name: 'ward_code', title: 'Ward' },
  { name: 'longitude', title: 'Longitude (WGS84)', datatype: 'number' as const },
  { name: 'latitude', title: 'Latitude (WGS84)', datatype: 'number' as const },
];

function recordsCsv(records: PoliceRecord[]): string {
  return toCsv(
    RECORD_COLUMNS.map((column) => column.name),
    records.map((record) => [...Object.values(policeRecordProperties(record)), record.longitude, record.latitude]),
  );
}

function hotspotSection(release: ProtectedRelease, tableId: string, dimension: string, heading: string, month: string): Html {
  const table = findTable(release.tables, tableId);
  const ranked = rankValues(table, dimension).filter((value) => value !== UNPLACED).slice(0, HOTSPOT_COUNT);
  const core = findTable(release.tables, 'lsoa-weapon');
  const share =
    dimension === 'lsoa'
      ? renderMappedShare(placementOf(core, 'lsoa', { month }), 'assaults', 'a home address, a place not matched, or no location given')
      : renderRankedShare(shownCell(table, {}), placementOf(core, 'lsoa', { month }).total, `at a ${dimension}`);
  if (ranked.length === 0) return html`<h3>${heading}</h3><p>No assaults this month were placed at a ${dimension === 'lsoa' ? 'known LSOA' : dimension}.</p>${share}`;
  return html`<h3>${heading}</h3>${renderTable(table, { rows: dimension, rowValues: ranked, withoutTotalRow: true, caption: `${heading} (top ${ranked.length})` })}${share}`;
}

function shownCell(table: ProtectedRelease['tables'][number], keys: Record<string, string>): Shown {
  const cell = new ProtectedTableIndex(table).cell(keys);
  return { value: cell.value, display: cell.display };
}

export const policePack: PackBuilder<PolicePrepared> = {
  audience: 'police',
  prepare(input: PackInput) {
    const trendMonths = monthsEnding(input.month, 13);
    const edPolice = prepareEdPolice(input);
    const hotspots = prepareHotspots(input);
    return {
      tables: [
        input.reads.lsoaWeaponTable(input.month, input.area),
        input.reads.wardWeaponTable(input.month, input.area),
        input.reads.monthWeaponTable(input.coverage.monthsWithData(trendMonths)),
        input.reads.rollingYearsTable(input.month),
        input.reads.weekdayHourTable([input.month]),
        input.reads.placeTable([input.month], 'street'),
        input.reads.placeTable([input.month], 'premises'),
        ...edPolice.tables,
        ...hotspots.tables,
        ...(input.alerts ? [alertsTable(input.alerts, POLICE_ALERT_SCOPES)] : []),
      ],
      prepared: { records: input.policeRecordLevel ? input.reads.policeRecords(input.month) : null, edPolice: edPolice.prepared, hotspots: hotspots.prepared },
    };
  },
  render(input, prepared, release) {
    const core = findTable(release.tables, 'lsoa-weapon');
    const trend = findTable(release.tables, 'month-weapon');
    const trendIndex = new ProtectedTableIndex(trend);
    const rolling = new ProtectedTableIndex(findTable(release.tables, 'rolling-years'));
    const month = input.month;
    const changes = monthlyChanges(month, trendIndex, rolling, input.coverage);
    const trendMonths = monthsEnding(month, 13);
    const mapValues: Map<string, MapValue> = lsoaMapValues(core, { month });
    const records = prepared.records;
    const body = html`
${renderCoverageStatement(input.coverage, month, { partialAllowed: input.partialAllowed })}
<section><h2>This month</h2>${renderChangeTable(changes)}</section>
<section><h2>Where: hotspot map by LSOA</h2>
${input.boundaries ? renderChoropleth(input.boundaries, mapValues, { title: `Assault attendances by LSOA, ${monthLabel(month)}`, unit: 'Assault attendances', placement: renderMappedShare(placementOf(core, 'lsoa', { month })) }) : html`<p>No LSOA boundaries were supplied, so there is no map.</p>`}
${hotspotSection(release, 'lsoa-weapon', 'lsoa', 'LSOAs with the most assaults', month)}
${hotspotSection(release, 'street-hotspots', 'street', 'Streets', month)}
${hotspotSection(release, 'premises-hotspots', 'premises', 'Premises', month)}
</section>
${renderAlertsSection(input.alerts, POLICE_ALERT_SCOPES, release)}
${renderHotspotSection(input, prepared.hotspots, release)}
${renderEdPoliceSection(input, prepared.edPolice, release)}
<section><h2>When: day of week and hour</h2>
${renderHeatmap(findTable(release.tables, 'weekday-hour'), { rows: 'weekday', columns: 'hour', title: `Assault attendances by day and hour of assault, ${monthLabel(month)}` })}
${renderTable(findTable(release.tables, 'weekday-hour'), { rows: 'hour', columns: 'weekday' })}
</section>
<section><h2>Weapons</h2>
${renderBarChart(core, { dimension: 'weapon', fixed: { month }, title: `Weapon used, ${monthLabel(month)}` })}
${renderTrend(trend, input.coverage, trendMonths, { title: 'Assault attendances per month, last 13 months', columns: 'weapon' })}
${renderCoverageTable(input.coverage, input.coverage.fromFirstData(trendMonths))}
</section>
<section><h2>By LSOA and weapon</h2>
${renderTable(core, { rows: 'lsoa', columns: 'weapon', fixed: { month } })}
${renderTable(findTable(release.tables, 'ward-weapon'), { rows: 'ward', columns: 'weapon' })}
</section>
<section><h2>Record-level data</h2>
${records === null
  ? html`<p data-no-records>No record-level data in this pack: the police disclosure policy protects small counts, and records would give them away. Set the police policy to "none" where the information-sharing agreement provides for record-level data.</p>`
  : html`<p>${records.length} de-identified records for ${monthLabel(month)} (date, hour, place and weapon; nothing about the patient), ${records.filter((record) => record.longitude !== null).length} with a point.
<a href="records.csv">records.csv</a> (all records; longitude and latitude empty where the place was not matched or was a home) and
<a href="records.geojson">records.geojson</a> (points only) open in QGIS as they are.</p>`}
</section>`;
    const page = renderDocument({
      title: `Assault hotspots for police, ${monthLabel(month)}`,
      subtitle: subtitle(input, 'Police', monthLabel(month)),
      methodStatement: release.methodStatement,
      marking: input.markings.police,
      caveats: [...COMMON_CAVEATS, disclosureCaveat(input, 'police')],
      revised: input.revised,
      body,
    });
    const description = { name: `istv-police-records-${month}`, title: `De-identified assault attendance records, ${monthLabel(month)}`, method_statement: release.methodStatement };
    const files: PackFile[] = [
      { path: 'index.html', content: page, printToPdf: true },
      ...(records === null
        ? []
        : [
            { path: 'records.csv', content: recordsCsv(records) },
            { path: 'records.csv-metadata.json', content: csvMetadata('records.csv', description.title, release.methodStatement, RECORD_COLUMNS) },
            { path: 'records.geojson', content: policeRecordsGeoJson(records, description) },
          ]),
      ...(input.boundaries ? [{ path: 'hotspots.csv', content: hotspotCsv(lsoaHotspots(input, prepared.hotspots, release).rows) }] : []),
      ...tableFiles(release),
      releaseJson(release, input),
    ];
    return files;
  },
};
