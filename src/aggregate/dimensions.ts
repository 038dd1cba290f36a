/**
 * The dimensions the monthly tables are cut by. Category lists come from the
 * code lists (schemas/code-lists), so a new category there shows up in every
 * table without a change here.
 */
import {
  LOCATION_TYPE_CATEGORIES,
  RELATIONSHIP_CATEGORIES,
  SEX_CATEGORIES,
  WEAPON_CATEGORIES,
  DOMESTIC_RELATIONSHIPS,
  locationTypeCodeList,
  relationshipCodeList,
  weaponCodeList,
  type CodeList,
} from '../../schemas/code-lists.ts';
import { AGE_BANDS } from '../deidentify/types.ts';
import type { Dimension } from './table.ts';
import { monthLabel } from './months.ts';

/** An LSOA of the reporting area, as the report knows it from the boundaries. */
export interface AreaLsoa {
  code: string;
  name?: string;
  wardCode?: string;
  wardName?: string;
  /** The borough (local authority district) the LSOA is in. */
  boroughName?: string;
  /** Usual residents, when the boundaries carry a census count. */
  population?: number;
}

/** The value given to records that have no LSOA (home, unknown, ambiguous or unmatched locations). */
export const UNPLACED = 'unplaced';
export const UNKNOWN = 'unknown';

function labelsOf<C extends string>(list: CodeList<C>): Record<string, string> {
  return Object.fromEntries(list.categories.map((category) => [category.code, category.label]));
}

export function weaponDimension(): Dimension {
  return { name: 'weapon', label: 'Weapon', values: [...WEAPON_CATEGORIES], valueLabels: labelsOf(weaponCodeList) };
}

export function locationTypeDimension(): Dimension {
  return { name: 'location_type', label: 'Location type', values: [...LOCATION_TYPE_CATEGORIES], valueLabels: labelsOf(locationTypeCodeList) };
}

export function relationshipDimension(): Dimension {
  const labels = labelsOf(relationshipCodeList);
  for (const code of DOMESTIC_RELATIONSHIPS) labels[code] = `${labels[code]} (domestic)`;
  return { name: 'relationship', label: 'Relationship to assailant', values: [...RELATIONSHIP_CATEGORIES], valueLabels: labels };
}

export function ageBandDimension(): Dimension {
  return { name: 'age_band', label: 'Age band', values: [...AGE_BANDS], valueLabels: { unknown: 'Unknown' } };
}

export function sexDimension(): Dimension {
  return { name: 'sex', label: 'Sex', values: [...SEX_CATEGORIES], valueLabels: { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' } };
}

export const WEEKDAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** 1 = Monday .. 7 = Sunday, as the store derives it. */
export function weekdayDimension(): Dimension {
  return {
    name: 'weekday',
    label: 'Day of week',
    values: WEEKDAY_LABELS.map((_, index) => String(index + 1)),
    valueLabels: Object.fromEntries(WEEKDAY_LABELS.map((label, index) => [String(index + 1), label])),
  };
}

/** "00".."23", plus "unknown" for assaults recorded without a time. */
export function hourDimension(): Dimension {
  const hours = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));
  return {
    name: 'hour',
    label: 'Hour of assault',
    values: [...hours, UNKNOWN],
    valueLabels: { ...Object.fromEntries(hours.map((hour) => [hour, `${hour}:00`])), [UNKNOWN]: 'Time not recorded' },
  };
}

export function monthDimension(months: string[]): Dimension {
  return { name: 'month', label: 'Month', values: [...months], valueLabels: Object.fromEntries(months.map((month) => [month, monthLabel(month)])) };
}

/** Yes / no / unknown, for the boolean fields (alcohol involved, domestic). */
export function yesNoDimension(name: string, label: string): Dimension {
  return { name, label, values: ['yes', 'no', UNKNOWN], valueLabels: { yes: 'Yes', no: 'No', [UNKNOWN]: 'Not recorded' } };
}

/**
 * The LSOAs of the area in name order, then "unplaced" so that a table's total
 * is every assault, not only the geocoded ones. Without an area the values are
 * those found in the data.
 */
export function lsoaDimension(area: AreaLsoa[]): Dimension {
  const sorted = [...area].sort((a, b) => (a.name ?? a.code).localeCompare(b.name ?? b.code) || a.code.localeCompare(b.code));
  return {
    name: 'lsoa',
    label: 'LSOA',
    values: [...sorted.map((lsoa) => lsoa.code), UNPLACED],
    valueLabels: {
      ...Object.fromEntries(sorted.map((lsoa) => [lsoa.code, lsoa.name ? `${lsoa.name} (${lsoa.code})` : lsoa.code])),
      [UNPLACED]: 'Location not placed',
    },
  };
}

/**
 * Wards, each labelled with its borough when the boundaries say which ("Abbey
 * (Barking and Dagenham)"): ward names repeat across boroughs, and an area of
 * two boroughs must not read as one. Sorted by borough, then ward.
 */
export function wardDimension(area: AreaLsoa[]): Dimension {
  const wards = new Map<string, { name: string; borough: string }>();
  for (const lsoa of area) if (lsoa.wardCode) wards.set(lsoa.wardCode, { name: lsoa.wardName ?? lsoa.wardCode, borough: lsoa.boroughName ?? '' });
  const label = (ward: { name: string; borough: string }) => (ward.borough ? `${ward.name} (${ward.borough})` : ward.name);
  const sorted = [...wards].sort((a, b) => a[1].borough.localeCompare(b[1].borough) || a[1].name.localeCompare(b[1].name)).map(([code, ward]) => [code, label(ward)] as const);
  // A ward is the set of its LSOAs (the public ONS lookup): a reader can subtract LSOA counts from a ward's, so disclosure control links them.
  const members: Record<string, string[]> = { [UNPLACED]: [UNPLACED] };
  for (const lsoa of area) if (lsoa.wardCode) (members[lsoa.wardCode] ??= []).push(lsoa.code);
  return {
    name: 'ward',
    label: 'Ward',
    values: [...sorted.map(([code]) => code), UNPLACED],
    valueLabels: { ...Object.fromEntries(sorted), [UNPLACED]: 'Location not placed' },
    ...(area.some((lsoa) => lsoa.wardCode && lsoa.code !== lsoa.wardCode) ? { of: { dimension: 'lsoa', members } } : {}),
  };
}
