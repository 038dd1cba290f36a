/**
 * The red-team identifier set: CSV extracts in the canonical header layout with
 * identifiers planted where real extracts carry them by mistake: in identifier
 * columns, and inside the free-text location and method columns, in the shapes
 * reception staff type them. Every planted value is listed in a manifest with the
 * forms in which it could leak (an NHS number spaced and unspaced, a phone number
 * with and without its +44), so a test can grep every byte istv writes for them.
 *
 * Deterministic: the same seed gives byte-identical files. Run
 * `npx tsx tests/deidentify/red-team/generate.ts [out-dir]` to write them (default:
 * the `output/` folder beside this file, which is committed).
 *
 * The values are synthetic: NHS numbers valid by modulus 11 but random, phone
 * numbers from Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx), e-mail at
 * example.* domains, names chosen so that no street, pub or station carries them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../../../sample-data/lib/random.ts';

export type PlantedKind =
  | 'nhs_number'
  | 'hospital_number'
  | 'person_name'
  | 'date_of_birth'
  | 'home_address'
  | 'home_postcode'
  | 'phone'
  | 'email';

export const PLANTED_KINDS: readonly PlantedKind[] = [
  'nhs_number',
  'hospital_number',
  'person_name',
  'date_of_birth',
  'home_address',
  'home_postcode',
  'phone',
  'email',
];

export interface PlantedIdentifier {
  kind: PlantedKind;
  /** Where it was put: an identifier column, or inside a free-text column. */
  placement: 'column' | 'text';
  file: string;
  /** 1-based physical line in the file (the header is line 1). */
  line: number;
  column: string;
  /** Exactly as written into the file. */
  planted: string;
  /** Every string that would show the identifier leaked, e.g. both "943 476 5919" and "9434765919". */
  forms: string[];
}

export interface RedTeamSite {
  code: string;
  name: string;
  longitude: number;
  latitude: number;
  /** The site's hospital-number pattern, for its config entry. */
  hospitalNumberPattern: string;
}

export interface RedTeamExtract {
  fileName: string;
  siteCode: string;
  /** Reporting month, YYYY-MM. */
  period: string;
  csv: string;
}

export interface RedTeamSet {
  sites: RedTeamSite[];
  extracts: RedTeamExtract[];
  manifest: PlantedIdentifier[];
}

export interface RedTeamOptions {
  seed?: number;
  /** Months per site (each month is one extract per site). */
  months?: string[];
  rowsPerExtract?: number;
}

/**
 * Two sites, one whose MRNs the generic shapes catch ("RAP" + 7 digits) and one
 * whose numbers only its configured pattern catches ("QH-" + 6 digits).
 */
export const RED_TEAM_SITES: RedTeamSite[] = [
  { code: 'RAPNM', name: 'North Middlesex University Hospital', longitude: -0.0713, latitude: 51.6131, hospitalNumberPattern: String.raw`RAP\d{7}` },
  { code: 'RF4QH', name: "Queen's Hospital Romford", longitude: 0.1795, latitude: 51.5686, hospitalNumberPattern: String.raw`QH-\d{6}` },
];

export const CANONICAL_COLUMNS = [
  'site_code', 'attendance_id', 'arrival_datetime', 'assault_datetime', 'assault_method', 'assault_method_other',
  'location_type', 'location_description', 'assailant_count', 'assailant_relationship', 'reported_to_police',
  'wants_police_informed', 'age', 'sex', 'alcohol_involved',
] as const;
export const IDENTIFIER_COLUMNS = [
  'nhs_number', 'hospital_number', 'patient_name', 'date_of_birth', 'address', 'postcode', 'phone', 'email', 'next_of_kin',
] as const;
const HEADER = [...CANONICAL_COLUMNS, ...IDENTIFIER_COLUMNS];
type Column = (typeof HEADER)[number];

// Given names and surnames that no street, premises, landmark or station in the two boroughs carries,
// so that a grep for them cannot be set off by a place name the geocoder writes.
const GIVEN_NAMES = [
  'Dariusz', 'Oluwaseun', 'Thaddeus', 'Ximena', 'Bartholomew', 'Siobhan', 'Chidinma', 'Radoslaw', 'Esperanza', 'Hieronim',
  'Florentyna', 'Kwabena', 'Anastazja', 'Leopoldo', 'Zbigniew', 'Marisol', 'Obadiah', 'Seraphina', 'Tobiah', 'Yevgenia',
  'Cosimo', 'Eustace', 'Bronislaw', 'Aurelio', 'Delphine', 'Evander', 'Ottoline', 'Lysander', 'Perpetua', 'Ruairidh',
  'Saoirse', 'Tadhg', 'Wilhelmina', 'Ezekiel', 'Fenella', 'Gervase', 'Isidore', 'Jolanta', 'Kazimierz', 'Ludovica',
  'Mieczyslaw', 'Nkechi', 'Oriana', 'Przemek', 'Quirino', 'Rosalind', 'Sebastiano', 'Temitope', 'Ulrika', 'Valentyn',
];
const SURNAMES = [
  'Okonkwo', 'Przybylski', 'Oyelaran', 'Szczepanski', 'Achterberg', 'Nakagawa', 'Papadimitriou', 'Kowalewska', 'Oduya',
  'Thistlethwaite', 'Quartermaine', 'Vellacott', 'Featherstonhaugh', 'Ekwueme', 'Brzezinski', 'Mbeki-Rowe', 'Gallacher-Dunne',
  "O'Shaughnessy", 'McGillivray', 'Castellanos', 'Delacroix', 'Haverbrook', 'Illingsworth', 'Jablonski', 'Kettleborough',
  'Lindqvist', 'Montgomerie', 'Nwachukwu', 'Ostrowski', 'Pemberton-Okafor', 'Quayson', 'Rautenbach', 'Strzelecki',
  'Tomaszewski', 'Umeadi', 'Wojciechowski', 'Yeboah-Mensah', 'Zielinski', 'Abernethy', 'Fitzwilliam',
];
/** Residential-sounding streets; the identifying part of an address is the house number with the street. */
const STREETS: ReadonlyArray<readonly [name: string, word: string, abbreviation: string]> = [
  ['Quillwort', 'Avenue', 'Ave'], ['Elmcroft', 'Road', 'Rd'], ['Hawthorn', 'Close', 'Cl'], ['Sorrelbank', 'Grove', 'Gr'],
  ['Juniper', 'Gardens', 'Gdns'], ['Sycamore', 'Crescent', 'Cres'], ['Willowbrook', 'Lane', 'Ln'], ['Teasel', 'Drive', 'Dr'],
  ['Foxglove', 'Street', 'St'], ['Heather', 'Terrace', 'Tce'], ['Cedarwood', 'Way', 'Way'], ['Primrose', 'Court', 'Ct'],
  ['Bramble', 'Road', 'Rd'], ['Larkspur', 'Avenue', 'Ave'], ['Kingfisher', 'Close', 'Cl'], ['Meadowsweet', 'Gardens', 'Gdns'],
];
const POSTCODE_DISTRICTS = ['N17', 'N15', 'N22', 'N8', 'N4', 'N10', 'N6', 'RM8', 'RM9', 'RM10', 'IG11', 'E17'];
/**
 * Inward codes never use the letters C, I, K, M, O or V, so home postcodes built from them
 * have the shape of a postcode but cannot equal a real one that a gazetteer or report might print.
 */
const POSTCODE_INWARD_LETTERS = ['C', 'I', 'K', 'M', 'O', 'V'].flatMap((first) => ['C', 'I', 'K', 'M', 'O', 'V'].map((second) => `${first}${second}`));
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.co.uk'];

/** Places where the assault happened (not identifiers): what the geocoder must still see. */
const PUBLIC_LOCATIONS = [
  ['o/s The Queens Head', 'licensed premises'], ['Wetherspoons high rd', 'pub'], ['jct of Philip Ln & Black Boy Ln', 'street'],
  ['McDonalds Wood Green', 'takeaway'], ['Tottenham Hale stn', 'train station'], ["St Ann's Rd nr the park", 'street'],
  ['Bruce Grove bus stop', 'bus stop'], ['o/s Barking stn', 'train station'], ['Dagenham Heathway', 'street'],
  ['The Royal Oak Barking', 'pub'], ['Lordship Lane o/s shops', 'street'], ['West Green Rd', 'street'],
] as const;
const METHODS = ['punched', 'kicked', 'knife', 'bottle', 'glass', 'fist', 'hit with bat', 'stabbed'];
const RELATIONSHIPS = ['stranger', 'partner', 'ex partner', 'family', 'friend', 'unknown'];

/** Values drawn without repeats, so that every planted identifier is its own. */
class UniqueValues {
  private readonly seen = new Set<string>();
  constructor(private readonly make: () => string) {}
  next(): string {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const value = this.make();
      if (!this.seen.has(value)) {
        this.seen.add(value);
        return value;
      }
    }
    throw new Error(`Ran out of unique values after ${this.seen.size}`);
  }
}

function nhsCheckDigit(nine: string): number {
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(nine[index]) * (10 - index);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

interface Person {
  given: string;
  surname: string;
  nhsDigits: string;
  hospitalNumber: string;
  birth: { year: number; month: number; day: number };
  houseNumber: string;
  street: readonly [string, string, string];
  postcode: string;
  phone: string;
  email: string;
}

function spacedNhs(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

function nhsForms(digits: string): string[] {
  return [digits, spacedNhs(digits), `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`];
}

/** A UK number in the layouts it could leak in: as planted, national digits, and without the trunk 0. */
function phoneForms(planted: string): string[] {
  let digits = planted.replace(/\D/g, '');
  if (digits.startsWith('44')) digits = `0${digits.slice(2)}`;
  return [planted, digits, digits.slice(1)];
}

function nameForms(given: string, surname: string): string[] {
  return [`${given} ${surname}`, given, surname];
}

function dateForms(birth: Person['birth']): string[] {
  const { year, month, day } = birth;
  return [
    `${pad(day)}/${pad(month)}/${year}`,
    `${year}-${pad(month)}-${pad(day)}`,
    `${pad(day)}.${pad(month)}.${year}`,
    `${pad(day)}-${pad(month)}-${year}`,
  ];
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Builds the whole set in memory. */
export function generateRedTeam(options: RedTeamOptions = {}): RedTeamSet {
  const pick = createRandom(options.seed ?? 1594);
  const months = options.months ?? ['2026-07', '2026-08', '2026-09'];
  const rowsPerExtract = options.rowsPerExtract ?? 100;

  const nhsNumbers = new UniqueValues(() => {
    for (;;) {
      const nine = `${pick.integer(4, 7)}${String(pick.integer(0, 99_999_999)).padStart(8, '0')}`;
      const check = nhsCheckDigit(nine);
      if (check !== 10) return `${nine}${check}`;
    }
  });
  const names = new UniqueValues(() => `${pick.pick(GIVEN_NAMES)}|${pick.pick(SURNAMES)}`);
  const mobiles = new UniqueValues(() => `07700 900${pad(pick.integer(0, 999), 3)}`);
  const landlines = new UniqueValues(() => `${pick.pick(['020 7946', '0161 496', '0113 496'])} 0${pad(pick.integer(0, 999), 3)}`);
  const postcodes = new UniqueValues(() => `${pick.pick(POSTCODE_DISTRICTS)} ${pick.integer(0, 9)}${pick.pick(POSTCODE_INWARD_LETTERS)}`);
  const addresses = new UniqueValues(() => `${pick.integer(1, 240)}${pick.chance(0.15) ? pick.pick(['a', 'b', 'c']) : ''}|${STREETS.indexOf(pick.pick(STREETS))}`);
  const births = new UniqueValues(() => `${pick.integer(1941, 2010)}-${pad(pick.integer(1, 12))}-${pad(pick.integer(1, 28))}`);
  const hospitalNumbers = new Map(RED_TEAM_SITES.map((site) => [
    site.code,
    new UniqueValues(() => (site.code === 'RAPNM' ? `RAP${pad(pick.integer(0, 9_999_999), 7)}` : `QH-${pad(pick.integer(0, 999_999), 6)}`)),
  ]));

  const person = (siteCode: string): Person => {
    const [given, surname] = names.next().split('|') as [string, string];
    const [year, month, day] = births.next().split('-').map(Number) as [number, number, number];
    const [houseNumber, streetIndex] = addresses.next().split('|') as [string, string];
    const phone = pick.chance(0.5) ? mobiles.next() : landlines.next();
    return {
      given,
      surname,
      nhsDigits: nhsNumbers.next(),
      hospitalNumber: hospitalNumbers.get(siteCode)!.next(),
      birth: { year, month, day },
      houseNumber,
      street: STREETS[Number(streetIndex)]!,
      postcode: postcodes.next(),
      phone,
      email: `${given.toLowerCase()}.${surname.toLowerCase().replace(/[^a-z]/g, '')}${pick.integer(1, 99)}@${pick.pick(EMAIL_DOMAINS)}`,
    };
  };

  const manifest: PlantedIdentifier[] = [];
  const extracts: RedTeamExtract[] = [];
  let rowIndex = 0;

  for (const month of months) {
    for (const site of RED_TEAM_SITES) {
      const fileName = `${site.code}_${month}.csv`;
      const lines = [HEADER.join(',')];
      for (let rowInFile = 0; rowInFile < rowsPerExtract; rowInFile++, rowIndex++) {
        const line = rowInFile + 2;
        const patient = person(site.code);
        const plant = (kind: PlantedKind, placement: PlantedIdentifier['placement'], column: Column, planted: string, forms: string[]) => {
          manifest.push({ kind, placement, file: fileName, line, column, planted, forms: [...new Set(forms)] });
        };
        const row = {} as Record<Column, string>;

        // Identifier columns: every row carries every kind.
        const nhsLayout = pick.pick(['plain', 'spaced', 'dashed'] as const);
        row.nhs_number = nhsLayout === 'plain' ? patient.nhsDigits : nhsLayout === 'spaced' ? spacedNhs(patient.nhsDigits) : nhsForms(patient.nhsDigits)[2]!;
        plant('nhs_number', 'column', 'nhs_number', row.nhs_number, nhsForms(patient.nhsDigits));
        row.hospital_number = patient.hospitalNumber;
        plant('hospital_number', 'column', 'hospital_number', row.hospital_number, [patient.hospitalNumber]);
        row.patient_name = pick.chance(0.5) ? `${patient.given} ${patient.surname}` : `${patient.surname.toUpperCase()}, ${patient.given}`;
        plant('person_name', 'column', 'patient_name', row.patient_name, nameForms(patient.given, patient.surname));
        const { year, month: birthMonth, day } = patient.birth;
        row.date_of_birth = `${pad(day)}/${pad(birthMonth)}/${year}`;
        plant('date_of_birth', 'column', 'date_of_birth', row.date_of_birth, dateForms(patient.birth));
        const [streetName, streetWord] = patient.street;
        row.address = `${patient.houseNumber} ${streetName} ${streetWord}, London`;
        plant('home_address', 'column', 'address', row.address, [`${patient.houseNumber} ${streetName}`]);
        row.postcode = patient.postcode;
        plant('home_postcode', 'column', 'postcode', row.postcode, [patient.postcode, patient.postcode.replace(' ', '')]);
        row.phone = patient.phone;
        plant('phone', 'column', 'phone', row.phone, phoneForms(patient.phone));
        row.email = patient.email;
        plant('email', 'column', 'email', row.email, [patient.email]);
        const kin = person(site.code);
        row.next_of_kin = `${kin.given} ${kin.surname} (mother) ${kin.phone}`;
        plant('person_name', 'column', 'next_of_kin', `${kin.given} ${kin.surname}`, nameForms(kin.given, kin.surname));
        plant('phone', 'column', 'next_of_kin', kin.phone, phoneForms(kin.phone));

        // Free text: three kinds per row, in turn, so that every kind is planted in text as often as the others.
        const textKinds = [0, 1, 2].map((offset) => PLANTED_KINDS[(rowIndex * 3 + offset) % PLANTED_KINDS.length]!);
        const [publicPlace, publicType] = pick.pick(PUBLIC_LOCATIONS);
        const locationParts: string[] = [];
        const methodOtherParts: string[] = [];
        let locationType: string = publicType;
        let relationship = pick.pick(RELATIONSHIPS);
        let method = pick.pick(METHODS);
        // Someone else in the story (assailant, whoever's flat it was), made only when a plant needs one.
        let someoneElse: Person | null = null;
        const other = () => (someoneElse ??= person(site.code));
        const shout = pick.chance(0.15);

        for (const kind of textKinds) {
          const inMethod = pick.chance(0.25) && kind !== 'home_address' && kind !== 'home_postcode';
          const column: Column = inMethod ? 'assault_method_other' : 'location_description';
          const parts = inMethod ? methodOtherParts : locationParts;
          const add = (text: string, planted: string, forms: string[]) => {
            parts.push(text);
            plant(kind, 'text', column, planted, forms);
          };
          switch (kind) {
            case 'nhs_number': {
              const layout = pick.pick(['spaced', 'plain', 'dashed'] as const);
              const shown = layout === 'plain' ? patient.nhsDigits : layout === 'spaced' ? spacedNhs(patient.nhsDigits) : nhsForms(patient.nhsDigits)[2]!;
              add(pick.pick([`NHS no ${shown}`, `nhs: ${shown}`, `(${shown})`, `pt nhs ${shown}`, `NHS No.${shown}`]), shown, nhsForms(patient.nhsDigits));
              break;
            }
            case 'hospital_number': {
              const value = pick.chance(0.7) ? patient.hospitalNumber : hospitalNumbers.get(site.code)!.next();
              add(pick.pick([`MRN ${value}`, `hosp no ${value}`, `${value}`, `ref ${value}`]), value, [value]);
              break;
            }
            case 'person_name': {
              const form = pick.integer(0, 9);
              const { given, surname } = other();
              const fullName = `${given} ${surname}`;
              if (form === 0) {
                relationship = 'ex partner';
                add(`assaulted by ex partner ${fullName}`, fullName, nameForms(given, surname));
              } else if (form === 1) {
                relationship = 'partner';
                add(`boyfriend ${given}`, given, [given]);
              } else if (form === 2) {
                relationship = 'family';
                add(`his brother ${given} ${surname}`, fullName, nameForms(given, surname));
              } else if (form === 3) {
                relationship = 'partner';
                add(`${fullName} (boyfriend)`, fullName, nameForms(given, surname));
              } else if (form === 4) {
                add(`Mr ${surname} involved`, surname, [surname]);
              } else if (form === 5) {
                // The patient's own name typed into the location: only the row's name column can give it away.
                add(`pt ${patient.given} ${patient.surname} says`, `${patient.given} ${patient.surname}`, nameForms(patient.given, patient.surname));
              } else if (form === 6) {
                add(`Mrs ${given} ${surname}`, fullName, nameForms(given, surname));
              } else if (form === 7) {
                // Some staff type everything in lower case.
                relationship = 'ex partner';
                add(`ex partner ${given.toLowerCase()} ${surname.toLowerCase()}`, fullName.toLowerCase(), nameForms(given, surname));
              } else if (form === 8) {
                add(`suspect: ${fullName}`, fullName, nameForms(given, surname));
              } else {
                relationship = 'partner';
                add(`her fella ${given}`, given, [given]);
              }
              break;
            }
            case 'date_of_birth': {
              const forms = dateForms(patient.birth);
              const shown = pick.pick(forms);
              add(pick.pick([`DOB ${shown}`, `d.o.b. ${shown}`, `born ${shown}`, `dob:${shown}`, `${shown}`]), shown, forms);
              break;
            }
            case 'home_address': {
              locationType = 'home';
              const own = pick.chance(0.5);
              const resident = own ? patient : other();
              const [name, word, abbreviation] = resident.street;
              const street = `${resident.houseNumber} ${name} ${pick.chance(0.5) ? word : abbreviation}`;
              const text = pick.pick([
                `pt's home ${street}`,
                `at his flat ${street}`,
                `own address ${street}`,
                `home address: ${street}`,
                `at home - ${street}`,
                `flat 3, ${street}`,
                `partner's house ${street}`,
                `lives at ${street}`,
                `at her mums ${street}`,
                `address ${street}`,
              ]);
              add(text, street, [`${resident.houseNumber} ${name}`]);
              break;
            }
            case 'home_postcode': {
              locationType = 'home';
              const shown = pick.chance(0.3) ? patient.postcode.replace(' ', '') : patient.postcode;
              add(pick.pick([`pt's home ${shown}`, `at home ${shown}`, `own address, ${shown}`]), shown, [patient.postcode, patient.postcode.replace(' ', '')]);
              break;
            }
            case 'phone': {
              const raw = pick.chance(0.5) ? patient.phone : other().phone;
              const shown = pick.pick([raw, raw.replace(/ /g, ''), `+44 ${raw.slice(1)}`, raw.replace(/ /g, '-')]);
              add(pick.pick([`tel ${shown}`, `mob: ${shown}`, `contact ${shown}`, `call ${shown}`, `tel:${shown}`]), shown, phoneForms(shown));
              break;
            }
            case 'email': {
              const value = pick.chance(0.5) ? patient.email : other().email;
              add(pick.pick([`email ${value}`, `${value}`, `contact: ${value}`]), value, [value]);
              break;
            }
          }
        }

        // A location text: the planted parts around a public place (unless it is a home), sometimes in capitals as some EDs type it.
        let location = locationType === 'home' ? locationParts.join(', ') : [publicPlace, ...locationParts].join(', ');
        let methodOther = methodOtherParts.join('; ');
        if (shout) {
          location = location.toUpperCase();
          methodOther = methodOther.toUpperCase();
          for (const entry of manifest.slice(-textKinds.length)) {
            if (entry.placement === 'text' && entry.line === line && entry.file === fileName) {
              entry.forms = [...new Set([...entry.forms, ...entry.forms.map((form) => form.toUpperCase())])];
            }
          }
        }
        if (relationship === 'unknown' && pick.chance(0.5)) method = 'unknown';

        const arrivalDay = pick.integer(1, 28);
        const arrivalHour = pick.integer(0, 23);
        const assaultHour = Math.max(0, arrivalHour - pick.integer(0, 3));
        const [periodYear, periodMonth] = month.split('-');
        const date = `${pad(arrivalDay)}/${periodMonth}/${periodYear}`;
        row.site_code = site.code;
        row.attendance_id = `${site.code.slice(0, 3)}${month.replace('-', '')}${pad(rowInFile + 1, 4)}`;
        row.arrival_datetime = `${date} ${pad(arrivalHour)}:${pad(pick.integer(0, 59))}`;
        row.assault_datetime = `${date} ${pad(assaultHour)}:00`;
        row.assault_method = method;
        row.assault_method_other = methodOther;
        row.location_type = locationType;
        row.location_description = location;
        row.assailant_count = String(pick.integer(1, 4));
        row.assailant_relationship = relationship;
        row.reported_to_police = pick.pick(['Y', 'N', '']);
        row.wants_police_informed = pick.pick(['Y', 'N', '']);
        row.age = pick.chance(0.8) ? String(Math.min(99, Number(periodYear) - patient.birth.year - 1)) : '';
        row.sex = pick.pick(['M', 'F', 'M', 'F', 'U']);
        row.alcohol_involved = pick.pick(['Y', 'N', 'U']);
        lines.push(HEADER.map((column) => csvField(row[column] ?? '')).join(','));
      }
      extracts.push({ fileName, siteCode: site.code, period: month, csv: `${lines.join('\r\n')}\r\n` });
    }
  }
  return { sites: RED_TEAM_SITES, extracts, manifest };
}

/**
 * Every string whose presence in istv's output would mean an identifier leaked, for
 * the default set. Compare case-insensitively: some plants are typed in capitals or
 * lower case, and a name leaked in capitals is still leaked.
 */
export function plantedIdentifierValues(set: RedTeamSet = generateRedTeam()): string[] {
  return [...new Set(set.manifest.flatMap((entry) => entry.forms))].sort();
}

/** Writes the extracts and `manifest.json` into `directory`. */
export function writeRedTeam(directory: string, set: RedTeamSet = generateRedTeam()): void {
  mkdirSync(directory, { recursive: true });
  for (const extract of set.extracts) writeFileSync(path.join(directory, extract.fileName), extract.csv);
  // One planted identifier per line: compact, and a diff shows which plants changed.
  const planted = set.manifest.map((entry) => JSON.stringify(entry)).join(',\n');
  writeFileSync(path.join(directory, 'manifest.json'), `{"sites":${JSON.stringify(set.sites)},\n"planted":[\n${planted}\n]}\n`);
}

export const RED_TEAM_OUTPUT_DIRECTORY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const directory = process.argv[2] ? path.resolve(process.argv[2]) : RED_TEAM_OUTPUT_DIRECTORY;
  const set = generateRedTeam();
  writeRedTeam(directory, set);
  const counts = new Map<string, number>();
  for (const entry of set.manifest) counts.set(`${entry.kind} ${entry.placement}`, (counts.get(`${entry.kind} ${entry.placement}`) ?? 0) + 1);
  console.log(`Wrote ${set.extracts.length} extracts and a manifest of ${set.manifest.length} planted identifiers to ${directory}`);
  for (const [key, count] of [...counts].sort()) console.log(`  ${key}: ${count}`);
}
