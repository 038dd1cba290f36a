/**
 * The monthly tables of istv, as SQL over `current_records` (the records of the
 * current extract of every site and month). Each returns true counts as a
 * `CountTable`; nothing here may be shown before disclosure control.
 */
import { z } from 'zod';
import type { CountTable, Dimension, TableScope } from './table.ts';
import type { StoreDatabase } from '../store/open.ts';
import { countRecords, placeholders, tableFromCounts } from './count-table.ts';
import {
  UNKNOWN,
  UNPLACED,
  ageBandDimension,
  hourDimension,
  locationTypeDimension,
  lsoaDimension,
  monthDimension,
  relationshipDimension,
  sexDimension,
  wardDimension,
  weaponDimension,
  weekdayDimension,
  yesNoDimension,
  type AreaLsoa,
} from './dimensions.ts';
import { assertMonth, monthLabel, monthsEnding } from './months.ts';

const HOUR_EXPRESSION = `CASE WHEN assault_hour IS NULL THEN NULL ELSE printf('%02d', assault_hour) END`;
const yesNo = (column: string) => `CASE ${column} WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE NULL END`;

/** Records of `months`, and the scope that says so to disclosure control (a reader reads it in the title). */
function monthWhere(months: string[]): { where: string; parameters: unknown[]; scope: TableScope } {
  months.forEach(assertMonth);
  return { where: `assault_month IN (${placeholders(months.length)})`, parameters: months, scope: { filters: { month: [...months] } } };
}

const texts = z.array(z.string());
const bandRows = z.array(z.object({ band: z.string(), people: z.number().int() }));
const placeRows = z.array(z.object({ id: z.string(), name: z.string().nullable(), n: z.number().int() }));

/** The LSOAs to list: the area's, or failing that every LSOA found in the store. */
function areaOrObserved(store: StoreDatabase, area: AreaLsoa[] | undefined): AreaLsoa[] {
  if (area && area.length > 0) return area;
  const codes = texts.parse(store.prepare(`SELECT DISTINCT lsoa_code FROM current_records WHERE lsoa_code IS NOT NULL ORDER BY lsoa_code`).pluck().all());
  return codes.map((code) => ({ code }));
}

/** The core table (issue 2): month × LSOA × weapon category. */
export function lsoaWeaponTable(store: StoreDatabase, month: string, area?: AreaLsoa[]): CountTable {
  return countRecords(store, {
    id: 'lsoa-weapon',
    title: `Assault attendances by LSOA and weapon, ${monthLabel(month)}`,
    columns: [
      { dimension: monthDimension([month]), expression: 'assault_month', whenNull: UNKNOWN },
      { dimension: lsoaDimension(areaOrObserved(store, area)), expression: 'lsoa_code', whenNull: UNPLACED },
      { dimension: weaponDimension(), expression: 'weapon', whenNull: UNKNOWN },
    ],
    ...monthWhere([month]),
  });
}

/** Every assault attendance of `months`, by month: the whole that a ranking of a part (premises, streets) is a share of. */
export function attendancesByMonthTable(store: StoreDatabase, months: string[], id = 'attendances-month'): CountTable {
  return countRecords(store, {
    id,
    title: `All assault attendances, ${periodLabel(months)}`,
    columns: [{ dimension: monthDimension(months), expression: 'assault_month', whenNull: UNKNOWN }],
    ...monthWhere(months),
  });
}

/** LSOA alone, for maps and rates. */
export function lsoaTable(store: StoreDatabase, months: string[], area?: AreaLsoa[], id = 'lsoa'): CountTable {
  return countRecords(store, {
    id,
    title: `Assault attendances by LSOA, ${periodLabel(months)}`,
    columns: [{ dimension: lsoaDimension(areaOrObserved(store, area)), expression: 'lsoa_code', whenNull: UNPLACED }],
    ...monthWhere(months),
  });
}

/**
 * LSOA × month over `months`, for hotspots and emerging hotspots. No months
 * gives an empty table (the section then says so), not an error.
 */
export function lsoaMonthTable(store: StoreDatabase, months: string[], area: AreaLsoa[], id: string): CountTable {
  months.forEach(assertMonth);
  return countRecords(store, {
    id,
    title: `Assault attendances by LSOA and month, ${months.length > 0 ? periodLabel(months) : 'no months'}`,
    columns: [
      { dimension: monthDimension(months), expression: 'assault_month', whenNull: UNPLACED },
      { dimension: lsoaDimension(area), expression: 'lsoa_code', whenNull: UNPLACED },
    ],
    where: months.length > 0 ? `assault_month IN (${placeholders(months.length)})` : '0',
    parameters: months,
  });
}

/** Residence not recorded (no postcode sent), or a postcode the gazetteer does not place (outside the area). */
export const RESIDENCE_NOT_KNOWN = 'not_known';

/**
 * Records by the LSOA the patient lives in. The de-identify stage derives it
 * from the patient's postcode when an extract sends one, and keeps only the
 * LSOA; the postcode is never stored. For rates per resident by residence, as
 * against the place-of-assault table (`lsoaTable`).
 */
export function residenceLsoaTable(store: StoreDatabase, months: string[], area?: AreaLsoa[]): CountTable {
  const lsoas = lsoaDimension(areaOrObserved(store, area));
  const codes = lsoas.values.filter((value) => value !== UNPLACED);
  return countRecords(store, {
    id: 'residence-lsoa',
    title: `Assault attendances by the patient's LSOA of residence, ${periodLabel(months)}`,
    columns: [
      {
        dimension: {
          name: 'residence',
          label: 'LSOA of residence',
          values: [...codes, RESIDENCE_NOT_KNOWN],
          valueLabels: { ...Object.fromEntries(codes.map((code) => [code, lsoas.valueLabels?.[code] ?? code])), [RESIDENCE_NOT_KNOWN]: 'Not known or outside the area' },
        },
        expression: 'residence_lsoa',
        whenNull: RESIDENCE_NOT_KNOWN,
      },
    ],
    ...monthWhere(months),
  });
}

/**
 * Records that can be linked to the same person's other attendances (they
 * carry a keyed pseudonym) and records that cannot: what the repeat-attendance
 * counts stand on.
 */
export function repeatLinkageTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'repeat-linkage',
    title: `Assault attendances that can be linked to the same person's other attendances, ${periodLabel(months)}`,
    columns: [
      {
        dimension: { name: 'linkable', label: 'Linkage', values: ['yes', 'no'], valueLabels: { yes: 'Linkable (carries a pseudonym key)', no: 'Not linkable (no key sent)' } },
        expression: "CASE WHEN repeat_key IS NULL THEN 'no' ELSE 'yes' END",
        whenNull: 'no',
      },
    ],
    ...monthWhere(months),
  });
}

export function wardWeaponTable(store: StoreDatabase, month: string, area?: AreaLsoa[]): CountTable {
  const observed = area && area.length > 0 ? area : texts.parse(store.prepare(`SELECT DISTINCT ward_code FROM current_records WHERE ward_code IS NOT NULL`).pluck().all()).map((wardCode) => ({ code: wardCode, wardCode }));
  return countRecords(store, {
    id: 'ward-weapon',
    title: `Assault attendances by ward and weapon, ${monthLabel(month)}`,
    columns: [
      { dimension: wardDimension(observed), expression: 'ward_code', whenNull: UNPLACED },
      { dimension: weaponDimension(), expression: 'weapon', whenNull: UNKNOWN },
    ],
    ...monthWhere([month]),
  });
}

/** Month × weapon over `months` (the trend, and the base of month-on-month change). */
export function monthWeaponTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'month-weapon',
    title: `Assault attendances by month and weapon, ${periodLabel(months)}`,
    columns: [
      { dimension: monthDimension(months), expression: 'assault_month', whenNull: UNKNOWN },
      { dimension: weaponDimension(), expression: 'weapon', whenNull: UNKNOWN },
    ],
    ...monthWhere(months),
  });
}

export function weekdayHourTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'weekday-hour',
    title: `Assault attendances by day of week and hour, ${periodLabel(months)}`,
    columns: [
      { dimension: weekdayDimension(), expression: 'assault_weekday', whenNull: UNKNOWN },
      { dimension: hourDimension(), expression: HOUR_EXPRESSION, whenNull: UNKNOWN },
    ],
    ...monthWhere(months),
  });
}

export function locationTypeTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'location-type',
    title: `Assault attendances by type of location, ${periodLabel(months)}`,
    columns: [{ dimension: locationTypeDimension(), expression: 'location_type', whenNull: UNKNOWN }],
    ...monthWhere(months),
  });
}

export function ageSexTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'age-sex',
    title: `Assault attendances by age band and sex, ${periodLabel(months)}`,
    columns: [
      { dimension: ageBandDimension(), expression: 'age_band', whenNull: UNKNOWN },
      { dimension: sexDimension(), expression: 'sex', whenNull: UNKNOWN },
    ],
    ...monthWhere(months),
  });
}

export function alcoholTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'alcohol',
    title: `Assault attendances by alcohol involvement, ${periodLabel(months)}`,
    columns: [{ dimension: yesNoDimension('alcohol', 'Alcohol involved'), expression: yesNo('alcohol_involved'), whenNull: UNKNOWN }],
    ...monthWhere(months),
  });
}

/** Relationship to the assailant; the domestic categories are labelled as such. */
export function relationshipTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'relationship',
    title: `Assault attendances by relationship to the assailant, ${periodLabel(months)}`,
    columns: [{ dimension: relationshipDimension(), expression: 'assailant_relationship', whenNull: UNKNOWN }],
    ...monthWhere(months),
  });
}

export function domesticTable(store: StoreDatabase, months: string[]): CountTable {
  return countRecords(store, {
    id: 'domestic',
    title: `Domestic assault attendances (partner, ex-partner or family), ${periodLabel(months)}`,
    columns: [{ dimension: yesNoDimension('domestic', 'Domestic'), expression: yesNo('domestic'), whenNull: UNKNOWN }],
    ...monthWhere(months),
  });
}

const ATTENDANCE_BANDS: Dimension = {
  name: 'attendances',
  label: 'Assault attendances by the same person',
  values: ['1', '2', '3+'],
  valueLabels: { '1': 'Once', '2': 'Twice', '3+': 'Three times or more' },
};

/**
 * People by how often they attended after an assault in `months`, from the
 * pseudonymous repeat key: counts of people only, never the keys. Records
 * without a key (no NHS number or no pseudonym key) cannot be linked and are
 * left out, which the title says.
 */
export function repeatAttendanceTable(store: StoreDatabase, months: string[]): CountTable {
  const { where, parameters, scope } = monthWhere(months);
  const rows = bandRows.parse(
    store
      .prepare(
        `SELECT CASE WHEN n >= 3 THEN '3+' ELSE CAST(n AS TEXT) END AS band, COUNT(*) AS people
         FROM (SELECT repeat_key, COUNT(*) AS n FROM current_records WHERE repeat_key IS NOT NULL AND ${where} GROUP BY repeat_key)
         GROUP BY band`,
      )
      .all(...parameters),
  );
  return tableFromCounts(
    'repeat-attendances',
    `People attending after an assault, by number of attendances, ${periodLabel(months)} (records that can be linked only)`,
    [ATTENDANCE_BANDS],
    rows.map((row) => ({ keys: { attendances: row.band }, count: row.people })),
    // People, not attendances: never the same number as a count of records.
    { ...scope, unit: 'people' },
  );
}

/** Geocode outcomes that name a place a patrol can go to. */
export const PLACE_OUTCOMES = { premises: ['premises'], street: ['street', 'junction'], landmark: ['landmark'] } as const;
export type PlaceKind = keyof typeof PLACE_OUTCOMES;

/**
 * Assaults by matched place (premises, street or landmark) for hotspot
 * rankings. Only places with at least one assault are listed: the dimension is
 * built from the data, labelled with the matched name.
 */
export function placeTable(store: StoreDatabase, months: string[], kind: PlaceKind): CountTable {
  const { where, parameters, scope } = monthWhere(months);
  const outcomes = PLACE_OUTCOMES[kind];
  const rows = placeRows.parse(
    store
      .prepare(
        `SELECT matched_id AS id, MIN(matched_name) AS name, COUNT(*) AS n FROM current_records
         WHERE ${where} AND matched_id IS NOT NULL AND geocode_outcome IN (${placeholders(outcomes.length)})
         GROUP BY matched_id ORDER BY matched_id`,
      )
      .all(...parameters, ...outcomes),
  );
  const dimension: Dimension = {
    name: kind,
    label: kind === 'premises' ? 'Premises' : kind === 'street' ? 'Street' : 'Landmark',
    values: rows.map((row) => row.id),
    valueLabels: Object.fromEntries(rows.map((row) => [row.id, row.name ?? row.id])),
  };
  // Only records matched to a place of this kind: the table's total is theirs, not the month's.
  const placed: TableScope = { filters: { ...scope.filters, geocode_outcome: [...outcomes] } };
  return tableFromCounts(`${kind}-hotspots`, `Assault attendances by ${dimension.label.toLowerCase()}, ${periodLabel(months)}`, [dimension], rows.map((row) => ({ keys: { [kind]: row.id }, count: row.n })), placed);
}

/** "November 2026" for one month, "December 2025 to November 2026" for a run. */
export function periodLabel(months: string[]): string {
  if (months.length === 0) throw new Error('Expected at least one month');
  const first = months[0]!;
  const last = months[months.length - 1]!;
  return first === last ? monthLabel(first) : `${monthLabel(first)} to ${monthLabel(last)}`;
}

/** The twelve months ending with `month`, for rolling tables. */
export function rollingYear(month: string): string[] {
  return monthsEnding(month, 12);
}

/**
 * The twelve months ending with `month` against the twelve before them: one
 * partition of 24 months, so its margin is a true total and the two periods
 * are protected together.
 */
export function rollingYearsTable(store: StoreDatabase, month: string): CountTable {
  const months = monthsEnding(month, 24);
  const previous = months.slice(0, 12);
  const latest = months.slice(12);
  const dimension: Dimension = {
    name: 'period',
    label: 'Twelve months',
    values: ['previous-12', 'latest-12'],
    valueLabels: { 'previous-12': periodLabel(previous), 'latest-12': periodLabel(latest) },
    // Each period is a set of months: linked to the month tables (and to other releases' periods) by disclosure control.
    of: { dimension: 'month', members: { 'previous-12': previous, 'latest-12': latest } },
  };
  return countRecords(store, {
    id: 'rolling-years',
    title: `Assault attendances in the twelve months to ${monthLabel(month)} and the twelve before`,
    // latest[0] is a checked YYYY-MM (monthsEnding asserts it), so it is safe inside the expression.
    columns: [{ dimension, expression: `CASE WHEN assault_month >= '${latest[0]}' THEN 'latest-12' ELSE 'previous-12' END`, whenNull: 'previous-12' }],
    ...monthWhere(months),
  });
}
