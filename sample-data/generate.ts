/**
 * Writes the sample data: the synthetic borough of Northbrook (area/), twelve
 * months of messy extracts from two EDs (inbox/), the config naming both sites,
 * and a manifest saying what every extract holds and what is wrong with it.
 *
 * Easthaven (RX2BB) moved to an ED system that exports Excel workbooks from
 * September 2026, and Northbrook (RX1AA) sent August 2026 zipped.
 *
 * Deterministic: everything comes from one seed, so running it again gives the
 * same bytes (a test checks that the committed files are exactly what it writes).
 *
 *   npm run sample-data              # rewrites sample-data/ in place
 *   npx tsx sample-data/generate.ts OUT_DIR [--seed N]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { areaFiles, buildArea, BOROUGH } from './lib/area.ts';
import { createRandom, type Random } from './lib/random.ts';
import { vocabularyFromAreaTexts, type Vocabulary } from './lib/vocabulary.ts';
import { createIncidentGenerator, monthBounds, type Incident } from './lib/incidents.ts';
import {
  canonicalFormat,
  easthavenFormat,
  EASTHAVEN_COLUMN_MAPPING,
  EASTHAVEN_LOCATION_TYPE_CODES,
  EASTHAVEN_WEAPON_CODES,
  formatCsvRow,
  INVALID_KINDS,
  type ExtractFormat,
  type InvalidKind,
} from './lib/extract-formats.ts';
import {
  fictionalDateOfBirth,
  fictionalFirstName,
  fictionalFullName,
  fictionalHospitalNumber,
  fictionalLandline,
  fictionalLastName,
  fictionalMobile,
  fictionalNhsNumber,
  spacedNhsNumber,
  type PlantedIdentifier,
} from './lib/identifiers.ts';
import { premisesText, streetText } from './lib/location-text.ts';
import { workbookBytes, zipBytes, type Delivery } from './lib/deliveries.ts';
import type { LocationTypeCategory } from '../schemas/code-lists.ts';

export const DEFAULT_SEED = 20_261_123;
export const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

/** Assaults peak over Christmas and in summer, dip in February. */
const SEASON: Record<string, number> = { '01': 0.9, '02': 0.82, '03': 0.93, '04': 0.98, '05': 1.04, '06': 1.1, '07': 1.16, '08': 1.12, '09': 1.0, '10': 1.03, '11': 1.0, '12': 1.22 };
const BASE_ROWS_PER_MONTH: Record<string, number> = { RX1AA: 265, RX2BB: 175 };

// The deliberate file-level mess, one of each.
const BROKEN_HEADER_FILE = 'RX2BB_2026-03.csv';
const RESUBMITTED = { site: 'RX1AA', month: '2026-06' } as const;
const SHORT_ROW_FILE = 'RX1AA_2026-01.csv';
const NHS_NUMBER_COLUMN_FILE = 'RX1AA_2026-02.csv';
const HOSPITAL_NUMBER_COLUMN_FILE = 'RX2BB_2026-08.csv';
const ISO_SECONDS_MONTHS = new Set(['2026-03', '2026-09']);

// ---------------------------------------------------------------- how extracts are sent

/** Sites that send Excel workbooks, and from which month. */
const WORKBOOK_SITES: Record<string, string> = { RX2BB: '2026-09' };
/** Extracts sent as a ZIP archive holding the CSV. */
const ZIPPED_FILES = new Set(['RX1AA_2026-08.csv']);

function deliveryOf(siteCode: string, month: string, file: string): Delivery {
  const workbooksFrom = WORKBOOK_SITES[siteCode];
  if (workbooksFrom !== undefined && month >= workbooksFrom) return 'xlsx';
  return ZIPPED_FILES.has(file) ? 'zip' : 'csv';
}

/** The name the extract is dropped under, and the name ingest reports it by (a zip member carries the archive's name). */
function deliveredNames(file: string, delivery: Delivery): { sent: string; ingestedAs: string } {
  const stem = file.replace(/\.csv$/, '');
  if (delivery === 'xlsx') return { sent: `${stem}.xlsx`, ingestedAs: `${stem}.xlsx` };
  if (delivery === 'zip') return { sent: `${stem}.zip`, ingestedAs: `${stem}.zip!${file}` };
  return { sent: file, ingestedAs: file };
}

/** The bytes of an extract as sent: the CSV text, a workbook of its rows, or a ZIP holding the CSV. */
async function deliveredBytes(file: string, delivery: Delivery, text: string, table: string[][]): Promise<string | Buffer> {
  if (delivery === 'xlsx') return workbookBytes(table, 'ISTV extract');
  if (delivery === 'zip') return zipBytes([{ name: file, data: text }]);
  return text;
}

export interface FaultyRow {
  line: number;
  attendanceId: string;
  kind: InvalidKind;
  field: string;
  /** error: the row must be rejected; warning: kept, with the faulty optional item dropped. */
  severity: 'error' | 'warning';
  expectedIssueCode: string;
  what: string;
}

export interface ExtractManifestEntry {
  /** The name ingest reports: the file, or "archive.zip!member.csv" for a zipped one. */
  file: string;
  /** How it was sent, and the file dropped in the inbox. Rows of a workbook are counted by sheet row (`line`). */
  sentAs: Delivery;
  sentFile: string;
  siteCode: string;
  month: string;
  version: number;
  /** What ingesting it should do: ingest (rows validated) or quarantine (header not understood). */
  expectedOutcome: 'ingest' | 'quarantine';
  quarantineReason: string | null;
  supersedes: string | null;
  delimiter: string;
  lineEnding: 'LF' | 'CRLF';
  bom: boolean;
  /** Data records (a record may span several physical lines; header and blank lines are not records). */
  rows: number;
  /** Rows that must be rejected (listed in `invalid`). */
  invalidRows: number;
  expectedAccepted: number;
  /** Rows that must be kept with a warning (listed in `flagged`). */
  flaggedRows: number;
  trailingBlankLines: number;
  blankLocations: number;
  invalid: FaultyRow[];
  flagged: FaultyRow[];
  identifierColumns: Array<{ column: string; kind: PlantedIdentifier['kind']; values: string[] }>;
  plantedIdentifiers: Array<PlantedIdentifier & { line: number; attendanceId: string }>;
}

export interface Manifest {
  description: string;
  seed: number;
  area: { lsoas: number; wards: number; postcodes: number; premises: number; streets: number; landmarks: number; junctions: number };
  extracts: ExtractManifestEntry[];
}

// ---------------------------------------------------------------- identifiers planted in free text

interface TextPlant {
  file: string;
  locationType?: LocationTypeCategory;
  /** Returns the new location text and what was planted in it. */
  write(random: Random, vocabulary: Vocabulary): { text: string; planted: Array<Omit<PlantedIdentifier, 'field'>> };
}

const anyPremises = (random: Random, vocabulary: Vocabulary) => premisesText(random.pick(vocabulary.premises), random);
const anyStreet = (random: Random, vocabulary: Vocabulary) => streetText(random.pick(vocabulary.streets).name, random);
const localStreet = (random: Random, vocabulary: Vocabulary) => random.pick(vocabulary.streets.filter((s) => s.roadClass === 'local')).name;

const TEXT_PLANTS: TextPlant[] = [
  { file: 'RX1AA_2025-12.csv', write: (r, v) => { const phone = fictionalMobile(r); return { text: `${anyPremises(r, v)} - pt asks call back ${phone}`, planted: [{ kind: 'phone', value: phone }] }; } },
  { file: 'RX1AA_2026-01.csv', locationType: 'home', write: (r) => { const name = fictionalFullName(r); return { text: `assaulted by ex partner ${name} at pts flat`, planted: [{ kind: 'patientName', value: name }] }; } },
  { file: 'RX1AA_2026-03.csv', locationType: 'home', write: (r, v) => { const address = `${r.integer(2, 180)} ${localStreet(r, v)}`; return { text: `pt's home ${address}`, planted: [{ kind: 'address', value: address }] }; } },
  { file: 'RX1AA_2026-04.csv', locationType: 'home', write: (r, v) => { const postcode = r.pick(v.postcodes).postcode; return { text: `home - ${postcode}`, planted: [{ kind: 'patientPostcode', value: postcode }] }; } },
  { file: 'RX1AA_2026-05.csv', write: (r, v) => { const nhs = spacedNhsNumber(fictionalNhsNumber(r)); return { text: `nhs no ${nhs} ${anyPremises(r, v)}`, planted: [{ kind: 'nhsNumber', value: nhs }] }; } },
  { file: 'RX1AA_2026-07.csv', write: (r, v) => { const dob = fictionalDateOfBirth(r); return { text: `pt dob ${dob} - ${anyStreet(r, v)}`, planted: [{ kind: 'dateOfBirth', value: dob }] }; } },
  { file: 'RX1AA_2026-09.csv', write: (r, v) => { const email = `${fictionalFirstName(r).toLowerCase()}.${fictionalLastName(r).toLowerCase()}@example.com`; return { text: `${anyStreet(r, v)} - pt email ${email} for follow up`, planted: [{ kind: 'email', value: email }] }; } },
  { file: 'RX1AA_2026-10.csv', write: (r, v) => { const name = fictionalFirstName(r); return { text: `his brother ${name} - ${anyStreet(r, v)}`, planted: [{ kind: 'patientName', value: name }] }; } },
  { file: 'RX2BB_2025-11.csv', write: (r, v) => { const number = fictionalHospitalNumber(r); return { text: `reattender ${number} ${anyPremises(r, v)}`, planted: [{ kind: 'hospitalNumber', value: number }] }; } },
  { file: 'RX2BB_2026-01.csv', write: (r, v) => { const phone = fictionalLandline(r); return { text: `${anyStreet(r, v)} tel ${phone}`, planted: [{ kind: 'phone', value: phone }] }; } },
  { file: 'RX2BB_2026-05.csv', write: (r, v) => { const name = `Mr ${fictionalLastName(r)}`; return { text: `${name} punched pt ${anyPremises(r, v)}`, planted: [{ kind: 'patientName', value: name }] }; } },
  { file: 'RX2BB_2026-06.csv', locationType: 'home', write: (r) => { const name = fictionalFirstName(r); return { text: `boyfriend ${name} hit her at home`, planted: [{ kind: 'patientName', value: name }] }; } },
  { file: 'RX2BB_2026-09.csv', locationType: 'home', write: (r, v) => { const address = `${r.integer(2, 90)}b ${localStreet(r, v)}`; return { text: `at his flat ${address}`, planted: [{ kind: 'address', value: address }] }; } },
  { file: 'RX2BB_2026-10.csv', write: (r, v) => { const phone = `+44 ${fictionalMobile(r).slice(1)}`; return { text: `nr ${r.pick(v.landmarks).name} mob ${phone}`, planted: [{ kind: 'phone', value: phone }] }; } },
];

// ---------------------------------------------------------------- one extract

interface ExtractPlan {
  file: string;
  siteCode: string;
  month: string;
  version: number;
  format: ExtractFormat;
  delivery: Delivery;
  incidents: Incident[];
  attendanceIds: string[];
  /** Row index → kind of fault; empty for a corrected resubmission. */
  invalid: Map<number, InvalidKind>;
  textPlants: Map<number, Array<Omit<PlantedIdentifier, 'field'>>>;
  identifierColumn: { header: string; kind: PlantedIdentifier['kind']; after: string; values: string[] } | null;
  brokenHeader: boolean;
  trailingBlankLines: number;
}

function renderExtract(plan: ExtractPlan, random: Random): { text: string; table: string[][]; entry: ExtractManifestEntry } {
  const { format } = plan;
  const header = [...format.header];
  const columnAt = plan.identifierColumn ? header.indexOf(plan.identifierColumn.after) + 1 : -1;
  if (plan.identifierColumn) header.splice(columnAt, 0, plan.identifierColumn.header);
  const writtenHeader = plan.brokenHeader ? header.map((_, index) => `Column${index + 1}`) : header;

  const lines: string[] = [formatCsvRow(writtenHeader, format.delimiter)];
  const table: string[][] = [writtenHeader];
  let physicalLine = 2;
  const faults: FaultyRow[] = [];
  const planted: ExtractManifestEntry['plantedIdentifiers'] = [];
  let blankLocations = 0;
  plan.incidents.forEach((incident, index) => {
    const attendanceId = plan.attendanceIds[index] as string;
    // Each row draws from its own stream, so a resubmission writes its shared rows exactly as the original did.
    const rowRandom = random.fork(attendanceId);
    const fields = format.row(incident, attendanceId, rowRandom);
    const kind = plan.invalid.get(index);
    if (kind) {
      const field = format.invalidate(fields, kind, incident, rowRandom);
      faults.push({ line: physicalLine, attendanceId, kind, field, ...INVALID_KINDS[kind] });
    }
    if (plan.identifierColumn) fields.splice(columnAt, 0, plan.identifierColumn.values[index] as string);
    for (const plant of plan.textPlants.get(index) ?? []) planted.push({ ...plant, field: format.locationField, line: physicalLine, attendanceId });
    if (incident.locationText.trim() === '') blankLocations++;
    const line = formatCsvRow(fields, format.delimiter);
    lines.push(line);
    table.push(fields);
    // A workbook row is one row whatever line breaks its cells hold.
    physicalLine += 1 + (plan.delivery === 'xlsx' ? 0 : (line.match(/\n/g)?.length ?? 0));
  });
  const eol = format.lineEnding;
  const text = (format.bom ? '\uFEFF' : '') + lines.map((line) => line + eol).join('') + eol.repeat(plan.trailingBlankLines);
  const rows = plan.incidents.length;
  const quarantined = plan.brokenHeader;
  const invalid = quarantined ? [] : faults.filter((fault) => fault.severity === 'error');
  const flagged = quarantined ? [] : faults.filter((fault) => fault.severity === 'warning');
  const names = deliveredNames(plan.file, plan.delivery);
  return {
    text,
    table,
    entry: {
      file: names.ingestedAs,
      sentAs: plan.delivery,
      sentFile: names.sent,
      siteCode: plan.siteCode,
      month: plan.month,
      version: plan.version,
      expectedOutcome: quarantined ? 'quarantine' : 'ingest',
      quarantineReason: quarantined ? 'header not understood: generic column names (Column1, Column2, …), no mandatory column can be identified' : null,
      supersedes: plan.version > 1 ? `${plan.siteCode}_${plan.month}.csv` : null,
      delimiter: format.delimiter,
      lineEnding: eol === '\r\n' ? 'CRLF' : 'LF',
      bom: format.bom,
      rows,
      invalidRows: invalid.length,
      expectedAccepted: quarantined ? 0 : rows - invalid.length,
      flaggedRows: flagged.length,
      trailingBlankLines: plan.trailingBlankLines,
      blankLocations,
      invalid,
      flagged,
      identifierColumns: plan.identifierColumn ? [{ column: plan.identifierColumn.header, kind: plan.identifierColumn.kind, values: plan.identifierColumn.values.filter((v) => v !== '') }] : [],
      plantedIdentifiers: planted,
    },
  };
}

function attendanceIdFor(siteCode: string, month: string, sequence: number): string {
  const yymm = month.slice(2, 4) + month.slice(5, 7);
  return siteCode === 'RX1AA' ? `AE${yymm}${String(sequence).padStart(4, '0')}` : `EH/${yymm}/${String(sequence).padStart(4, '0')}`;
}

function planExtract(siteCode: string, month: string, vocabulary: Vocabulary, siteLonLat: readonly [number, number], random: Random): ExtractPlan {
  const file = `${siteCode}_${month}.csv`;
  const format = siteCode === 'RX1AA' ? canonicalFormat(siteCode, ISO_SECONDS_MONTHS.has(month) ? 'iso-seconds' : 'space') : easthavenFormat(siteCode);
  const generator = createIncidentGenerator(vocabulary, siteLonLat);
  const { days, end } = monthBounds(month);
  const count = Math.round((BASE_ROWS_PER_MONTH[siteCode] as number) * (SEASON[month.slice(5, 7)] as number) * (days / 30.4) * (1 + random.normal(0, 0.05)));
  // Extracts come sorted by arrival, and attendance numbers follow arrival order.
  const incidents = Array.from({ length: count }, () => generator.incident(month, random)).sort((a, b) => a.arrival.minutes - b.arrival.minutes);
  const attendanceIds = incidents.map((_, index) => attendanceIdFor(siteCode, month, index + 1));

  const brokenHeader = file === BROKEN_HEADER_FILE;
  const rowKinds: InvalidKind[] = ['missing_assault_date', 'assault_after_arrival', 'age_out_of_range', 'unparseable_assault_date', 'unknown_weapon_code', 'unknown_location_type_code'];
  const invalid = new Map<number, InvalidKind>();
  if (!brokenHeader) {
    const kinds = random.shuffle(rowKinds).slice(0, random.integer(3, 6));
    if (file === SHORT_ROW_FILE) kinds.push('wrong_column_count');
    for (const kind of kinds) {
      for (;;) {
        const index = random.integer(0, incidents.length - 1);
        // A later assault must not also fall outside the month: one fault per row.
        if (invalid.has(index) || (kind === 'assault_after_arrival' && (incidents[index] as Incident).arrival.minutes > end - 240)) continue;
        invalid.set(index, kind);
        break;
      }
    }
  }

  const textPlants = new Map<number, Array<Omit<PlantedIdentifier, 'field'>>>();
  for (const plant of TEXT_PLANTS.filter((p) => p.file === file)) {
    let index: number;
    do index = random.integer(0, incidents.length - 1);
    while (invalid.has(index) || textPlants.has(index));
    const { text, planted } = plant.write(random, vocabulary);
    const incident = incidents[index] as Incident;
    incident.locationText = text;
    if (plant.locationType) incident.locationType = plant.locationType;
    textPlants.set(index, planted);
  }

  const identifierColumn =
    file === NHS_NUMBER_COLUMN_FILE
      ? { header: 'nhs_number', kind: 'nhsNumber' as const, after: 'attendance_id', values: incidents.map(() => (random.chance(0.93) ? fictionalNhsNumber(random) : '')) }
      : file === HOSPITAL_NUMBER_COLUMN_FILE
        ? { header: 'Hosp No', kind: 'hospitalNumber' as const, after: 'Attendance No', values: incidents.map(() => fictionalHospitalNumber(random)) }
        : null;

  return {
    file,
    siteCode,
    month,
    version: 1,
    format,
    delivery: deliveryOf(siteCode, month, file),
    incidents,
    attendanceIds,
    invalid,
    textPlants,
    identifierColumn,
    brokenHeader,
    trailingBlankLines: random.weighted([[0, 5], [1, 3], [2, 1], [3, 1]] as const),
  };
}

/** The corrected resubmission: the same rows with every fault fixed, and a few late rows added. */
function planResubmission(original: ExtractPlan, vocabulary: Vocabulary, siteLonLat: readonly [number, number], random: Random): ExtractPlan {
  const generator = createIncidentGenerator(vocabulary, siteLonLat);
  const late = Array.from({ length: 3 }, () => generator.incident(original.month, random));
  return {
    ...original,
    file: `${original.siteCode}_${original.month}_v2.csv`,
    version: 2,
    incidents: [...original.incidents, ...late],
    attendanceIds: [...original.attendanceIds, ...late.map((_, index) => attendanceIdFor(original.siteCode, original.month, original.incidents.length + index + 1))],
    invalid: new Map(),
    trailingBlankLines: 0,
  };
}

// ---------------------------------------------------------------- config

function sampleConfig(sites: Array<{ code: string; name: string; longitude: number; latitude: number }>): string {
  const [northbrook, easthaven] = sites as [(typeof sites)[number], (typeof sites)[number]];
  const config = {
    areaName: `${BOROUGH.name} Community Safety Partnership`,
    gazetteer: './gazetteer.json',
    sites: [
      { code: northbrook.code, name: northbrook.name, longitude: northbrook.longitude, latitude: northbrook.latitude, borough: BOROUGH.name, extractDueDay: 10 },
      {
        code: easthaven.code,
        name: easthaven.name,
        longitude: easthaven.longitude,
        latitude: easthaven.latitude,
        borough: BOROUGH.name,
        columnMapping: EASTHAVEN_COLUMN_MAPPING,
        identifierColumns: ['Hosp No'],
        hospitalNumberPattern: '\\bBB\\d{7}\\b',
        codeMappings: { weapon: EASTHAVEN_WEAPON_CODES, locationType: EASTHAVEN_LOCATION_TYPE_CODES },
        extractDueDay: 14,
      },
    ],
  };
  return JSON.stringify(config, null, 2) + '\n';
}

// ---------------------------------------------------------------- everything

/** Every generated file, by path relative to sample-data/. Pure: nothing is written. */
export async function generateSampleData(seed = DEFAULT_SEED): Promise<{ files: Map<string, string | Buffer>; manifest: Manifest }> {
  const root = createRandom(seed);
  const area = buildArea(root.fork('area'));
  const areaTexts = areaFiles(area);
  const files = new Map<string, string | Buffer>(Object.entries(areaTexts));
  // The extracts draw on the area exactly as written, as the large-extract writer does.
  const vocabulary = vocabularyFromAreaTexts({
    premises: areaTexts['area/premises.geojson'] as string,
    streets: areaTexts['area/streets.geojson'] as string,
    landmarks: areaTexts['area/landmarks.geojson'] as string,
    postcodes: areaTexts['area/postcodes.csv'] as string,
  });
  const sites = area.sites.map((site) => {
    const [longitude, latitude] = area.plane.toLonLat(site.point);
    return { code: site.code, name: site.name, longitude, latitude };
  });

  const extracts: ExtractManifestEntry[] = [];
  for (const site of sites) {
    for (const month of MONTHS) {
      const random = root.fork(`extract:${site.code}:${month}`);
      const plan = planExtract(site.code, month, vocabulary, [site.longitude, site.latitude], random);
      const plans = [plan];
      if (site.code === RESUBMITTED.site && month === RESUBMITTED.month) plans.push(planResubmission(plan, vocabulary, [site.longitude, site.latitude], root.fork(`resubmission:${site.code}:${month}`)));
      for (const each of plans) {
        const { text, table, entry } = renderExtract(each, root.fork(`render:${site.code}:${month}`));
        files.set(`inbox/${entry.sentFile}`, await deliveredBytes(each.file, each.delivery, text, table));
        extracts.push(entry);
      }
    }
  }

  const manifest: Manifest = {
    description:
      'Every generated extract in inbox/ (as CSV, as an Excel workbook, or as a CSV inside a ZIP archive: see sentAs and sentFile): rows read, rows that must be rejected and why, the file that must be quarantined, the resubmission, and every identifier planted for the de-identify stage to remove. Accepted + rejected = rows for each file.',
    seed,
    area: {
      lsoas: area.lsoas.length,
      wards: new Set(area.lsoas.map((lsoa) => lsoa.properties.WD23CD)).size,
      postcodes: area.postcodes.length,
      premises: area.premises.length,
      streets: area.streets.length,
      landmarks: area.landmarks.length,
      junctions: vocabulary.junctions.length,
    },
    extracts,
  };
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  files.set('istv.config.json', sampleConfig(sites));
  return { files, manifest };
}

/** Writes the generated files under `outputDirectory`, replacing inbox/ and area/ wholesale. */
export async function writeSampleData(outputDirectory: string, seed = DEFAULT_SEED): Promise<Manifest> {
  const { files, manifest } = await generateSampleData(seed);
  for (const folder of ['inbox', 'area']) rmSync(path.join(outputDirectory, folder), { recursive: true, force: true });
  for (const [relative, text] of files) {
    const target = path.join(outputDirectory, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return manifest;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error(`--seed needs an integer, got ${args[seedAt + 1]}`);
  const positional = seedAt >= 0 ? args.filter((_, index) => index !== seedAt && index !== seedAt + 1) : args;
  const outputDirectory = path.resolve(positional[0] ?? path.dirname(fileURLToPath(import.meta.url)));
  const manifest = await writeSampleData(outputDirectory, seed);
  const rows = manifest.extracts.reduce((sum, entry) => sum + entry.rows, 0);
  console.log(
    `Wrote ${manifest.extracts.length} extracts (${rows} rows) and the area of ${BOROUGH.name} (${manifest.area.lsoas} LSOAs, ${manifest.area.postcodes} postcodes) to ${outputDirectory}`,
  );
}
