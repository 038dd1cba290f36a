/**
 * A red-team set of ED extracts, written from scratch for the allow-list design:
 * the names, house names and wording below were made up for this file and appear
 * in no rule of src/deidentify. Every street of the gazetteer gets a house number
 * in front of it somewhere, numbers come in every form a keyboard or a copy from
 * another system produces (spaced, dotted, slashed, hyphenated, full-width,
 * zero-width-joined), and identifier columns sit under headers no alias list has.
 *
 * `wording: 'held-out'` draws on a second, disjoint set of names and phrasings
 * that was kept aside while the scrubber was written, as a check on wording it
 * was never run against.
 *
 * Deterministic: the same gazetteer and options give the same files.
 */
import type { GazetteerFile } from '../../../src/geocode/gazetteer/types.ts';
import { seededRandom } from '../../../src/lib/seeded-random.ts';

export type PlantedKind =
  | 'nhs_number'
  | 'phone'
  | 'email'
  | 'date_of_birth'
  | 'person_name'
  | 'house_address'
  | 'house_name'
  | 'flat'
  | 'hospital_number'
  | 'home_postcode';

export interface Planted {
  kind: PlantedKind;
  placement: 'column' | 'text';
  /** Every form whose appearance in an output is a leak (compared case-insensitively). */
  forms: string[];
}

export interface RedTeamSite {
  code: string;
  name: string;
  longitude: number;
  latitude: number;
}

export interface RedTeamExtract {
  fileName: string;
  period: string;
  siteCode: string;
  csv: string;
  rows: number;
}

export interface RedTeamSet {
  sites: RedTeamSite[];
  extracts: RedTeamExtract[];
  planted: Planted[];
}

export interface RedTeamOptions {
  wording?: 'development' | 'held-out';
  seed?: number;
  /** Rows per extract before the street sweep is added. */
  rowsPerExtract?: number;
}

interface Wording {
  firstNames: string[];
  surnames: string[];
  houseWords: string[];
  houseKinds: string[];
  relatives: string[];
  domains: string[];
  /** Non-home location phrasings; {P} a premises or landmark, {S} a street, {X} the identifier. */
  outside: string[];
  /** Home phrasings; {A} the address, {X} an identifier. */
  home: string[];
  /** assault_method_other phrasings; {X} the identifier. */
  weapon: string[];
  /** Headers for identifier columns that no alias list has. */
  headers: { name: string; phone: string; dob: string; postcode: string; mrn: string; kin: string; email: string; note: string };
}

// Names built for this file: syllable-made surnames and uncommon given names, so that a
// leak is a leak and not a coincidence with a place.
const DEVELOPMENT: Wording = {
  firstNames: ['Ysolde', 'Tiberiu', 'Oksana', 'Ebunoluwa', 'Casimir', 'Marisol', 'Thandeka', 'Leofric', 'Anouk', 'Radomir', 'Ifeoma', 'Sigrun', 'Basilio', 'Zuleika', 'Evander', 'Wilhelmina', 'Kwabena', 'Perpetua', 'Oisin', 'Ludmila'],
  surnames: ['Vantreskow', 'Okonjiwe', 'Brellisande', 'Quarshiebo', 'Marchetton', 'Dworakiel', 'Fennimoor', 'Abaraoye', 'Lisztowicz', 'Penhallick', 'Rusdanovic', 'Thistlewaite', 'Ogbuefi', 'Haverbrook', 'Szczepanik', 'Mcallinder', 'Ibironke', 'Kowalczar', 'Treharne', 'Ylvisaker'],
  houseWords: ['Quillmoor', 'Larchwynd', 'Sorrelby', 'Windlecote', 'Ashgarth', 'Tamberlin', 'Hollyvane', 'Brackendeen'],
  houseKinds: ['Cottage', 'Lodge', 'House', 'Villa'],
  relatives: ['brother', 'sister', 'cousin', 'uncle', 'stepdad', 'nephew'],
  domains: ['postbox.example', 'mailer.test', 'inbox.invalid'],
  outside: [
    'outside {P}, {X} was there',
    'o/s {P} with {X}',
    '{P} car park - {X}',
    'opp {P} ({X})',
    'nr {P} after row w/ {X}',
    'jct {S} and {P} {X}',
    'on {S} by {P} - called {X}',
    'bus stop {S}, friend {X}',
    '{X} said it was {P}',
    'alley behind {P}. {X}',
  ],
  home: [
    'pt home {A}',
    'at {A}',
    "{A} (mum's)",
    'own flat {A} {X}',
    'kitchen at {A}',
  ],
  weapon: [
    "{X}'s bat",
    'bottle thrown by {X}',
    'hammer belonging to {X}',
    'dog set on pt by {X}',
    'iron bar, {X}',
  ],
  headers: { name: 'Pt Family + Given', phone: 'Best No. To Call', dob: 'Birth (d/m/y)', postcode: 'Residence PC', mrn: 'Unit Ref', kin: 'Emergency Contact', email: 'Contact eMail', note: 'Triage Remarks' },
};

const HELD_OUT: Wording = {
  firstNames: ['Mehitabel', 'Gwythian', 'Sunniva', 'Ptolemy', 'Aurelija', 'Fenwick', 'Nnenna', 'Bartholomeus', 'Cressida', 'Jolyon', 'Tsegaye', 'Morwenna'],
  surnames: ['Pleasanton', 'Ekwueme', 'Grisedale', 'Vorontsova', 'Ashcombe', 'Oyelaran', 'Kilbride', 'Nakashima', 'Strudwick', 'Mbeki-Hart', 'Zaragoza', 'Cattermole'],
  houseWords: ['Gorsemere', 'Pennyfeld', 'Rooksway', 'Thornacre'],
  houseKinds: ['Barn', 'Mews House', 'Grange'],
  relatives: ['daughter', 'grandson', 'aunt', 'flatmate', 'half-brother'],
  domains: ['example.org', 'webmail.test'],
  outside: [
    'was walking past {P} when {X} went for him',
    'queue for {P}; {X} (regular)',
    'taxi rank {S} - {X} driving',
    'field off {S}, mate {X}',
    'platform at {P} w {X}',
    'beer garden of {P}, {X} barman',
  ],
  home: [
    'girlfriend\'s place {A}',
    'stairwell of {A}',
    '{A} - front door',
    'staying at {A} {X}',
  ],
  weapon: [
    'chair swung by {X}',
    'keys ({X})',
    '{X} used a brick',
  ],
  headers: { name: 'Who (pt)', phone: 'Reach on', dob: 'Birthday', postcode: 'Lives (PC)', mrn: 'Local Key', kin: 'Person to tell', email: 'Mailbox', note: 'Clinician Scribble' },
};

const FULL_WIDTH_OFFSET = 0xff10 - 0x30;
const toFullWidth = (digits: string) => digits.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + FULL_WIDTH_OFFSET));
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

/** A valid NHS number (modulus 11 check digit). */
function nhsNumber(next: () => number): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? 4 + Math.floor(next() * 5) : Math.floor(next() * 10)));
    const sum = digits.reduce((total, digit, index) => total + digit * (10 - index), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return digits.join('') + String(check === 11 ? 0 : check);
  }
}

/** One digit string written the ways staff and other systems write it. */
function numberForms(digits: string, groups: number[], next: () => number): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  const zw = ZERO_WIDTH[Math.floor(next() * ZERO_WIDTH.length)]!;
  const forms = [
    digits,
    parts.join(' '),
    parts.join('  '),
    parts.join('.'),
    parts.join('/'),
    parts.join('-'),
    parts.join(' - '),
    toFullWidth(parts.join(' ')),
    toFullWidth(digits),
    [...digits].join(zw),
    parts.join(zw + ' '),
    parts.join('\u00a0'),
    parts.join('\u2009'),
  ];
  return forms[Math.floor(next() * forms.length)]!;
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

const SUFFIX_SHORT: Record<string, string> = { road: 'rd', street: 'st', avenue: 'ave', lane: 'ln', gardens: 'gdns', grove: 'gr', close: 'cl', crescent: 'cres', drive: 'dr', place: 'pl', terrace: 'tce', square: 'sq', court: 'ct', green: 'grn', way: 'wy', park: 'pk' };

/** A street name as staff might write it: as given, lower case, suffix shortened or left off. */
function streetAsWritten(name: string, next: () => number): string {
  const words = name.split(/\s+/);
  const last = words.at(-1)!.toLowerCase();
  const roll = next();
  if (roll < 0.3) return name;
  if (roll < 0.5) return name.toLowerCase();
  if (roll < 0.8 && SUFFIX_SHORT[last]) return [...words.slice(0, -1), SUFFIX_SHORT[last]].join(' ');
  if (words.length > 1) return words.slice(0, -1).join(' ');
  return name.toUpperCase();
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function generateRedTeam(gazetteer: GazetteerFile, options: RedTeamOptions = {}): RedTeamSet {
  const wording = options.wording === 'held-out' ? HELD_OUT : DEVELOPMENT;
  const next = seededRandom(options.seed ?? (options.wording === 'held-out' ? 0x5eed2 : 0x5eed1));
  const rowsPerExtract = options.rowsPerExtract ?? 450;
  const planted: Planted[] = [];

  const streets = [...new Set(gazetteer.places.filter((p) => p.kind === 'street').map((p) => p.name))].filter((n) => /^[A-Za-z' .-]+$/.test(n)).sort();
  const placesNamed = gazetteer.places.filter((p) => p.kind === 'premises' || p.kind === 'landmark').map((p) => p.name).filter((n) => n.length >= 4);
  // An ED sees the same few dozen hotspots month after month: a sample of places, so the licensing pack stays a realistic size.
  const allPlaceNames = [...new Set(placesNamed)].sort();
  const placeNames = Array.from({ length: Math.min(60, allPlaceNames.length) }, () => pick(next, allPlaceNames));
  // Home postcodes: real ones of the area that no place in the gazetteer carries, so a report never shows one legitimately.
  const placePostcodes = new Set(gazetteer.places.map((p) => p.postcode).filter(Boolean));
  const homePostcodes = gazetteer.postcodes.map((p) => p[0]).filter((pc) => !placePostcodes.has(pc));

  const sites: RedTeamSite[] = [
    { code: 'RQXM1', name: 'Red-team General', longitude: -0.0712, latitude: 51.6128 },
    { code: 'RQXB2', name: 'Red-team Riverside', longitude: 0.1312, latitude: 51.5465 },
  ];

  const personName = () => {
    const first = pick(next, wording.firstNames);
    const last = pick(next, wording.surnames);
    const roll = next();
    let written: string;
    let forms: string[];
    if (roll < 0.15) {
      written = `${first} ${last}`.toLowerCase();
      forms = [`${first} ${last}`];
    } else if (roll < 0.3) {
      written = `${first[0]}. ${last}`;
      forms = [written, last];
    } else if (roll < 0.45) {
      const second = pick(next, wording.surnames);
      written = `${first} ${last}-${second}`;
      forms = [`${last}-${second}`, `${last} ${second}`, first];
    } else if (roll < 0.6) {
      written = `${last}'s`;
      forms = [last];
    } else if (roll < 0.72) {
      written = `${pick(next, wording.relatives)} ${first}`;
      forms = [first];
    } else if (roll < 0.8) {
      written = `${first[0]}${last[0]} ${last.toUpperCase()}`;
      forms = [last];
    } else {
      written = `${first} ${last}`;
      forms = [written, first, last];
    }
    return { written, forms };
  };

  type Made = { text: string; kind: PlantedKind; forms: string[] };
  const identifierInText = (): Made => {
    const roll = next();
    if (roll < 0.3) {
      const name = personName();
      return { text: name.written, kind: 'person_name', forms: name.forms };
    }
    if (roll < 0.45) {
      const nhs = nhsNumber(next);
      const label = pick(next, ['', 'nhs ', 'NHS no ', 'nhs#', 'ref ']);
      return { text: label + numberForms(nhs, [3, 3, 4], next), kind: 'nhs_number', forms: [nhs, `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`] };
    }
    if (roll < 0.6) {
      const mobile = `07${Array.from({ length: 9 }, () => Math.floor(next() * 10)).join('')}`;
      const form = next() < 0.3 ? `+44 ${numberForms(mobile.slice(1), [4, 6], next)}` : numberForms(mobile, [5, 3, 3], next);
      return { text: pick(next, ['', 'mob ', 'call ', 'tel: ']) + form, kind: 'phone', forms: [mobile, mobile.slice(1), `${mobile.slice(0, 5)} ${mobile.slice(5)}`] };
    }
    if (roll < 0.7) {
      const first = pick(next, wording.firstNames).toLowerCase();
      const last = pick(next, wording.surnames).toLowerCase();
      const email = `${first}.${last}${Math.floor(next() * 90 + 10)}@${pick(next, wording.domains)}`;
      return { text: email, kind: 'email', forms: [email, email.split('@')[0]!] };
    }
    if (roll < 0.8) {
      const day = 1 + Math.floor(next() * 28);
      const month = 1 + Math.floor(next() * 12);
      const year = 1950 + Math.floor(next() * 55);
      const dd = String(day).padStart(2, '0');
      const mm = String(month).padStart(2, '0');
      const written = pick(next, [`${dd}/${mm}/${year}`, `${day}.${month}.${year}`, `${dd}-${mm}-${year}`, `${dd} ${mm} ${year}`, toFullWidth(`${dd}/${mm}/${year}`), `${dd}${mm}${year}`]);
      return { text: `${pick(next, ['dob ', 'born ', 'b. ', ''])}${written}`, kind: 'date_of_birth', forms: [`${dd}/${mm}/${year}`, `${day}.${month}.${year}`, `${dd}-${mm}-${year}`, `${dd}${mm}${year}`, `${year}-${mm}-${dd}`, `${dd} ${mm} ${year}`] };
    }
    if (roll < 0.9) {
      const mrn = `${pick(next, ['QX', 'MZ', 'W'])}${Math.floor(100000 + next() * 899999)}`;
      return { text: pick(next, ['', 'unit ', 'mrn ']) + mrn, kind: 'hospital_number', forms: [mrn] };
    }
    const house = `${pick(next, wording.houseWords)} ${pick(next, wording.houseKinds)}`;
    return { text: house, kind: 'house_name', forms: [house, house.split(' ')[0]!] };
  };

  /** An address: a house number (or flat, or house name) before a street. */
  const address = (street: string): Made => {
    const written = streetAsWritten(street, next);
    const number = 1 + Math.floor(next() * 240);
    const roll = next();
    if (roll < 0.2) {
      const flat = `${1 + Math.floor(next() * 60)}${pick(next, ['', 'a', 'B', 'c'])}`;
      const text = `${pick(next, ['flat', 'Flat', 'flt', 'apt'])} ${flat}, ${number} ${written}`;
      return { text, kind: 'flat', forms: [`${number} ${written}`, `${number} ${street}`, `flat ${flat}`, `flt ${flat}`, `apt ${flat}`] };
    }
    if (roll < 0.3) {
      const house = `${pick(next, wording.houseWords)} ${pick(next, wording.houseKinds)}`;
      return { text: `${house}, ${written}`, kind: 'house_name', forms: [house, house.split(' ')[0]!] };
    }
    const numberText = pick(next, [`${number}`, `no ${number}`, `No.${number}`, `${number}a`, `${number}-${number + 2}`, `#${number}`, toFullWidth(String(number))]);
    const forms = [`${number} ${written}`, `${number} ${street}`, `${number}a ${written}`, `${number}-${number + 2} ${written}`, `no ${number} ${written}`, `No.${number} ${written}`, `#${number} ${written}`];
    return { text: `${numberText} ${written}`, kind: 'house_address', forms: [...new Set(forms)] };
  };

  const fill = (template: string, values: Record<string, string>) => template.replace(/\{([A-Z])\}/g, (_, key: string) => values[key] ?? '');

  const extracts: RedTeamExtract[] = [];
  const months = ['2026-04', '2026-05', '2026-06'];
  const headers = [
    'site_code', 'attendance_id', 'arrival_datetime', 'assault_datetime', 'assault_method', 'assault_method_other', 'location_type', 'location_description',
    'assailant_count', 'reported_to_police', 'wants_police_informed', 'age', 'sex', 'alcohol_involved',
    wording.headers.name, wording.headers.phone, wording.headers.dob, wording.headers.postcode, wording.headers.mrn, wording.headers.kin, wording.headers.email, wording.headers.note,
  ];

  let streetCursor = 0;
  let serial = 1;
  extracts.length = 0;
  for (const site of sites) {
    for (const month of months) {
      const lines: string[] = [headers.map(csvField).join(',')];
      // Every street of the gazetteer with a house number before it, spread over the extracts.
      const sweep = Math.ceil(streets.length / (sites.length * months.length));
      const rows = rowsPerExtract + sweep;
      for (let row = 0; row < rows; row++) {
        const day = 1 + Math.floor(next() * 28);
        const hour = Math.floor(next() * 24);
        const minute = Math.floor(next() * 60);
        const arrival = `${String(day).padStart(2, '0')}/${month.slice(5)}/${month.slice(0, 4)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const assault = `${String(day).padStart(2, '0')}/${month.slice(5)}/${month.slice(0, 4)} ${String(Math.max(0, hour - 1)).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        let locationType = 'street';
        let description: string;
        let methodOther = '';
        let method = pick(next, ['fist', 'kicked', 'knife', 'glass', 'bottle', 'other']);
        const sweeping = row >= rowsPerExtract && streetCursor < streets.length;
        if (sweeping || next() < 0.3) {
          // A house-numbered address: at home, or outside a house on the street.
          const street = sweeping ? streets[streetCursor++]! : pick(next, streets);
          const made = address(street);
          planted.push({ kind: made.kind, placement: 'text', forms: made.forms });
          if (next() < 0.6) {
            locationType = 'home';
            const extra = next() < 0.3 ? identifierInText() : null;
            if (extra) planted.push({ kind: extra.kind, placement: 'text', forms: extra.forms });
            description = fill(pick(next, wording.home), { A: made.text, X: extra?.text ?? '' }).trim();
          } else {
            description = `${pick(next, ['outside', 'o/s', 'in front of', 'opp', 'nr', 'by'])} ${made.text}`;
          }
        } else {
          const made = identifierInText();
          planted.push({ kind: made.kind, placement: 'text', forms: made.forms });
          description = fill(pick(next, wording.outside), { P: pick(next, placeNames), S: streetAsWritten(pick(next, streets), next), X: made.text });
          locationType = pick(next, ['street', 'licensed premises', 'public place', 'other']);
        }
        if (next() < 0.25) {
          const made = identifierInText();
          planted.push({ kind: made.kind, placement: 'text', forms: made.forms });
          methodOther = fill(pick(next, wording.weapon), { X: made.text });
          method = 'other';
        }
        // Identifier columns under headers no alias list has.
        const name = personName();
        const kin = personName();
        const mobile = `07${Array.from({ length: 9 }, () => Math.floor(next() * 10)).join('')}`;
        const dobYear = 1950 + Math.floor(next() * 55);
        const dob = `${String(1 + Math.floor(next() * 28)).padStart(2, '0')}/${String(1 + Math.floor(next() * 12)).padStart(2, '0')}/${dobYear}`;
        const postcode = pick(next, homePostcodes);
        const mrn = `${pick(next, ['QX', 'MZ'])}${Math.floor(100000 + next() * 899999)}`;
        const email = `${pick(next, wording.firstNames).toLowerCase()}${Math.floor(next() * 900 + 100)}@${pick(next, wording.domains)}`;
        const note = identifierInText();
        planted.push(
          { kind: 'person_name', placement: 'column', forms: name.forms },
          { kind: 'person_name', placement: 'column', forms: kin.forms },
          { kind: 'phone', placement: 'column', forms: [mobile] },
          { kind: 'date_of_birth', placement: 'column', forms: [dob, `${dob.slice(6)}-${dob.slice(3, 5)}-${dob.slice(0, 2)}`] },
          { kind: 'home_postcode', placement: 'column', forms: [postcode, postcode.replace(' ', '')] },
          { kind: 'hospital_number', placement: 'column', forms: [mrn] },
          { kind: 'email', placement: 'column', forms: [email] },
          { kind: note.kind, placement: 'column', forms: note.forms },
        );
        const values = [
          site.code, `A${String(serial++).padStart(7, '0')}`, arrival, assault, method, methodOther, locationType, description,
          String(1 + Math.floor(next() * 3)), pick(next, ['Y', 'N']), pick(next, ['Y', 'N']), String(16 + Math.floor(next() * 50)), pick(next, ['M', 'F']), pick(next, ['Y', 'N', '']),
          name.written, numberForms(mobile, [5, 6], next), dob, postcode, mrn, `${kin.written} ${mobile}`, email, note.text,
        ];
        lines.push(values.map(csvField).join(','));
      }
      extracts.push({ fileName: `${site.code}_${month}.csv`, period: month, siteCode: site.code, csv: lines.join('\r\n') + '\r\n', rows });
    }
  }
  return { sites, extracts, planted };
}

/** Every planted form at least `minimum` characters long, deduplicated. */
export function plantedForms(set: RedTeamSet, minimum = 4): string[] {
  const forms = new Set<string>();
  for (const entry of set.planted) for (const form of entry.forms) if (form.length >= minimum) forms.add(form);
  return [...forms];
}
