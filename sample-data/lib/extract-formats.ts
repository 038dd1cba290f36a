/**
 * How each ED writes an incident into its monthly extract. RX1AA sends the
 * canonical contract (comma, LF, ISO-ish dates, words for codes). RX2BB sends
 * what its PAS report produces: its own headers, semicolons, CRLF, a BOM, UK
 * dates, the odd Excel serial date, numeric weapon and location-type codes that
 * only its config explains.
 */
import type { LocationTypeCategory, RelationshipCategory, WeaponCategory } from '../../schemas/code-lists.ts';
import type { Random } from './random.ts';
import type { Incident, LocalMoment } from './incidents.ts';

export const CANONICAL_HEADER = [
  'site_code',
  'attendance_id',
  'arrival_datetime',
  'assault_datetime',
  'assault_method',
  'assault_method_other',
  'location_type',
  'location_description',
  'assailant_count',
  'assailant_relationship',
  'reported_to_police',
  'wants_police_informed',
  'age',
  'sex',
  'alcohol_involved',
] as const;

/**
 * The deliberate faults, each with the row issue a validator should raise. An
 * error rejects the row; a fault in an optional item (an impossible age) only
 * loses that item, so the row is kept with a warning.
 */
export const INVALID_KINDS = {
  missing_assault_date: { severity: 'error', expectedIssueCode: 'required', what: 'assault date is blank (mandatory item)' },
  assault_after_arrival: { severity: 'error', expectedIssueCode: 'assault_after_arrival', what: 'assault date and time is after arrival' },
  unparseable_assault_date: { severity: 'error', expectedIssueCode: 'invalid_date', what: 'assault date cannot be parsed as a date' },
  unknown_weapon_code: { severity: 'error', expectedIssueCode: 'unrecognised_code', what: 'assault method is a code in no code list or site mapping' },
  unknown_location_type_code: { severity: 'error', expectedIssueCode: 'unrecognised_code', what: 'location type is a code in no code list or site mapping' },
  wrong_column_count: { severity: 'error', expectedIssueCode: 'required', what: 'row cut short after the assault method: fewer fields than the header, so the mandatory location type is missing' },
  age_out_of_range: { severity: 'warning', expectedIssueCode: 'out_of_range', what: 'age is impossible (over 130): the age is dropped, the row kept' },
} as const;
export type InvalidKind = keyof typeof INVALID_KINDS;

export interface ExtractFormat {
  siteCode: string;
  delimiter: string;
  lineEnding: string;
  bom: boolean;
  header: string[];
  /** The field holding the location text, and the one for other-method text (for planted identifiers). */
  locationField: string;
  methodOtherField: string;
  row(incident: Incident, attendanceId: string, random: Random): string[];
  /** Breaks one row in the given way; returns the canonical field at fault. */
  invalidate(fields: string[], kind: InvalidKind, incident: Incident, random: Random): string;
}

const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? '' : value ? yes : no);
const pad = (value: number) => String(value).padStart(2, '0');

const CANONICAL_WEAPON_WORDS: Record<WeaponCategory, string[]> = {
  body: ['Punched', 'Punched', 'Kicked', 'Fist', 'Fists and feet', 'Punched and kicked', 'Head butt', 'Feet', 'Bodily force', 'Slapped', 'Stamped on'],
  knife_or_sharp: ['Knife', 'Knife', 'Stabbed', 'Bladed article', 'Sharp object'],
  glass: ['Glass', 'Glassed', 'Pint glass'],
  bottle: ['Bottle', 'Broken bottle', 'Beer bottle'],
  blunt_object: ['Bat', 'Baseball bat', 'Hammer', 'Brick', 'Stick', 'Blunt object'],
  firearm: ['Firearm', 'Air gun', 'BB gun'],
  other: ['Other'],
  unknown: ['Unknown', 'Not known', 'Not stated'],
};
const OTHER_METHOD_TEXTS = ['dog set on pt', 'hot drink thrown', 'pushed down stairs', 'hit with car door', 'scalded with kettle', 'sprayed in face', 'bitten on hand'];

const CANONICAL_LOCATION_TYPE_WORDS: Record<LocationTypeCategory, string[]> = {
  home: ['Home', 'Home', 'Private dwelling'],
  street: ['Street', 'Street', 'Public place', 'Street/public place'],
  licensed_premises: ['Pub/Club', 'Licensed premises', 'Pub', 'Nightclub', 'Bar'],
  other_commercial: ['Shop', 'Takeaway', 'Commercial premises', 'Shop/Takeaway'],
  public_transport: ['Public transport', 'Station', 'Bus'],
  school_or_workplace: ['Work', 'School', 'Workplace'],
  other: ['Other'],
  unknown: ['Unknown', 'Not known'],
};

const CANONICAL_RELATIONSHIP_WORDS: Record<RelationshipCategory, string[]> = {
  stranger: ['Stranger', 'Stranger', 'Unknown person'],
  partner_or_ex: ['Partner', 'Ex-partner', 'Boyfriend', 'Husband', 'Girlfriend'],
  family: ['Family member', 'Brother', 'Father', 'Son'],
  acquaintance: ['Friend', 'Known to patient', 'Acquaintance', 'Neighbour'],
  official: ['Door staff', 'Security', 'Bouncer'],
  other: ['Other'],
  unknown: ['Unknown', 'Not known'],
};

const fieldSetter = (header: readonly string[], fields: string[]) => (name: string, value: string) => {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`No column ${name} in this format`);
  fields[index] = value;
};

/** A month-end-safe moment a while after `moment`, written by `format`. */
const later = (moment: LocalMoment, random: Random) => {
  const minutes = moment.minutes + random.integer(40, 180);
  const date = new Date(minutes * 60_000);
  return { date: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`, time: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` };
};

/** RX1AA: the canonical contract. `dateStyle` varies by month, as report tools get changed. */
export function canonicalFormat(siteCode: string, dateStyle: 'space' | 'iso-seconds'): ExtractFormat {
  const header = [...CANONICAL_HEADER];
  const writeMoment = (moment: { date: string; time: string }) => (dateStyle === 'space' ? `${moment.date} ${moment.time}` : `${moment.date}T${moment.time}:00`);
  return {
    siteCode,
    delimiter: ',',
    lineEnding: '\n',
    bom: false,
    header,
    locationField: 'location_description',
    methodOtherField: 'assault_method_other',
    row(incident, attendanceId, random) {
      const method = random.pick(CANONICAL_WEAPON_WORDS[incident.weapon]);
      return [
        siteCode,
        attendanceId,
        writeMoment(incident.arrival),
        incident.assaultTimeKnown ? writeMoment(incident.assault) : incident.assault.date,
        method,
        incident.weapon === 'other' ? random.pick(OTHER_METHOD_TEXTS) : '',
        random.pick(CANONICAL_LOCATION_TYPE_WORDS[incident.locationType]),
        incident.locationText,
        incident.assailants === null ? '' : String(incident.assailants),
        incident.relationship === null ? '' : random.pick(CANONICAL_RELATIONSHIP_WORDS[incident.relationship]),
        yesNo(incident.reportedToPolice, 'Y', 'N'),
        yesNo(incident.wantsPoliceInformed, 'Y', 'N'),
        incident.age === null ? '' : String(incident.age),
        incident.sex === null ? '' : incident.sex === 'male' ? 'M' : 'F',
        yesNo(incident.alcohol, 'Y', 'N'),
      ];
    },
    invalidate(fields, kind, incident, random) {
      const set = fieldSetter(header, fields);
      switch (kind) {
        case 'missing_assault_date':
          set('assault_datetime', '');
          return 'assault_datetime';
        case 'assault_after_arrival':
          set('assault_datetime', writeMoment(later(incident.arrival, random)));
          return 'assault_datetime';
        case 'age_out_of_range':
          set('age', random.pick(['340', '203', '156']));
          return 'age';
        case 'unparseable_assault_date':
          set('assault_datetime', random.pick([`${incident.assault.date.slice(0, 8)}32 ${incident.assault.time}`, 'yesterday', '25/13/2026 21:00', '0000-00-00 00:00']));
          return 'assault_datetime';
        case 'unknown_weapon_code':
          set('assault_method', random.pick(['W14', 'Z9', '77']));
          return 'assault_method';
        case 'unknown_location_type_code':
          // Code-shaped, so it cannot be read as a word meaning "other".
          set('location_type', random.pick(['L9', '0', '14']));
          return 'location_type';
        case 'wrong_column_count':
          fields.splice(header.indexOf('assault_method') + 1);
          return 'location_type';
      }
    },
  };
}

/** RX2BB's own header; its config's columnMapping names the ones the built-in aliases do not know. */
export const EASTHAVEN_HEADER = [
  'Site Code',
  'Attendance No',
  'Arr Date/Time',
  'Date of Incident',
  'Time of Incident',
  'Weapon',
  'Weapon Other',
  'Where',
  'Loc Type',
  'Assailants',
  'Relationship to Pt',
  'Police Aware',
  'Pt Wants Police Informed',
  'Age',
  'Gender',
  'Alcohol Y/N',
];

/** RX2BB's column mapping: only the headers the built-in aliases do not already recognise. */
export const EASTHAVEN_COLUMN_MAPPING: Record<string, string> = {
  'Arr Date/Time': 'arrival_datetime',
  'Loc Type': 'location_type',
  'Relationship to Pt': 'assailant_relationship',
  'Pt Wants Police Informed': 'wants_police_informed',
  'Alcohol Y/N': 'alcohol_involved',
};

export const EASTHAVEN_WEAPON_CODES: Record<string, WeaponCategory> = {
  '01': 'body',
  '02': 'body',
  '03': 'knife_or_sharp',
  '04': 'glass',
  '05': 'bottle',
  '06': 'blunt_object',
  '07': 'firearm',
  '08': 'other',
  '99': 'unknown',
};
export const EASTHAVEN_LOCATION_TYPE_CODES: Record<string, LocationTypeCategory> = {
  '1': 'home',
  '2': 'street',
  '3': 'licensed_premises',
  '4': 'other_commercial',
  '5': 'public_transport',
  '6': 'school_or_workplace',
  '7': 'other',
  '9': 'unknown',
};

const EASTHAVEN_RELATIONSHIP_WORDS: Record<RelationshipCategory, string[]> = {
  stranger: ['STRANGER', 'Stranger'],
  partner_or_ex: ['Partner/Ex', 'Partner/Ex', 'Husband'],
  family: ['Family', 'Family'],
  acquaintance: ['Friend/Acquaintance'],
  official: ['Security/Door staff'],
  other: ['Other'],
  unknown: ['Not known'],
};

const codesOf = <C extends string>(mapping: Record<string, C>, category: C) =>
  Object.entries(mapping)
    .filter(([, value]) => value === category)
    .map(([code]) => code);

/** Days since 1899-12-30: what Excel shows when a date cell loses its format. */
export function excelSerialDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return String((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const ukDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export function easthavenFormat(siteCode: string): ExtractFormat {
  const header = [...EASTHAVEN_HEADER];
  return {
    siteCode,
    delimiter: ';',
    lineEnding: '\r\n',
    bom: true,
    header,
    locationField: 'Where',
    methodOtherField: 'Weapon Other',
    row(incident, attendanceId, random) {
      let where = incident.locationText;
      // Excel cells with a line break or a semicolon in them: quoted on export.
      if (where.length > 12 && random.chance(0.015)) where = where.replace(/ (?=\S+$)/, '\n');
      else if (where.length > 12 && random.chance(0.015)) where = where.replace(/ (?=\S+$)/, '; ');
      return [
        siteCode,
        attendanceId,
        `${ukDate(incident.arrival.date)} ${incident.arrival.time}`,
        random.chance(0.02) ? excelSerialDate(incident.assault.date) : ukDate(incident.assault.date),
        incident.assaultTimeKnown ? incident.assault.time : '',
        random.pick(codesOf(EASTHAVEN_WEAPON_CODES, incident.weapon)),
        incident.weapon === 'other' ? random.pick(OTHER_METHOD_TEXTS) : '',
        where,
        random.pick(codesOf(EASTHAVEN_LOCATION_TYPE_CODES, incident.locationType)),
        incident.assailants === null ? '' : String(incident.assailants),
        incident.relationship === null ? '' : random.pick(EASTHAVEN_RELATIONSHIP_WORDS[incident.relationship]),
        yesNo(incident.reportedToPolice, 'Yes', 'No'),
        yesNo(incident.wantsPoliceInformed, 'Yes', 'No'),
        incident.age === null ? '' : String(incident.age),
        incident.sex === null ? '' : incident.sex === 'male' ? 'Male' : 'Female',
        yesNo(incident.alcohol, 'Y', 'N'),
      ];
    },
    invalidate(fields, kind, incident, random) {
      const set = fieldSetter(header, fields);
      switch (kind) {
        case 'missing_assault_date':
          set('Date of Incident', '');
          set('Time of Incident', '');
          return 'assault_date';
        case 'assault_after_arrival': {
          const moment = later(incident.arrival, random);
          set('Date of Incident', ukDate(moment.date));
          set('Time of Incident', moment.time);
          return 'assault_date';
        }
        case 'age_out_of_range':
          set('Age', random.pick(['340', '203', '156']));
          return 'age';
        case 'unparseable_assault_date':
          set('Date of Incident', random.pick([`32/${incident.assault.date.slice(5, 7)}/${incident.assault.date.slice(0, 4)}`, '??/??/????', `${incident.assault.date.slice(8, 10)}/13/2026`]));
          return 'assault_date';
        case 'unknown_weapon_code':
          set('Weapon', random.pick(['14', '12', '31']));
          return 'assault_method';
        case 'unknown_location_type_code':
          set('Loc Type', random.pick(['8', '0', '11']));
          return 'location_type';
        case 'wrong_column_count':
          fields.splice(header.indexOf('Weapon') + 1);
          return 'location_type';
      }
    },
  };
}

/** RFC 4180 quoting: only fields holding the delimiter, a quote or a line break. */
export function formatCsvRow(fields: readonly string[], delimiter: string): string {
  return fields.map((field) => (field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(delimiter);
}
