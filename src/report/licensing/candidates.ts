/**
 * Which premises the licensing pack considers, and what identifies each: the
 * licensed premises among the gazetteer's (OpenStreetMap pubs, bars and
 * nightclubs; the food-hygiene business types the config lists) and every
 * premises of the council's licence register when one is configured.
 *
 * One premises is often several records (its OSM node, its FSA entry, its
 * licence): records with matching names at the same postcode or within
 * SAME_PREMISES_METRES are one premises, so that texts matched to any of them
 * count together and the premises is reported once, under its licence where
 * the register has it. A café the register licenses joins its licence and so
 * becomes a candidate; a café nobody licenses does not.
 */
import { isFsaBusinessType } from '../../geocode/gazetteer/read-places.ts';
import type { PlaceRecord } from '../../geocode/gazetteer/types.ts';
import type { PremisesPoint } from '../../aggregate/premises.ts';
import { metresApart } from '../../lib/distance.ts';

/** FSA points are postcode points and OSM points buildings: records of one premises lie this close. */
export const SAME_PREMISES_METRES = 150;

export interface CandidateOptions {
  fhrsBusinessTypes: readonly string[];
  osmAmenities: readonly string[];
}

type SourceKind = 'register' | 'fhrs' | 'osm';

const SOURCE_LABEL: Record<SourceKind, string> = {
  register: 'premises licence register',
  fhrs: 'FSA food hygiene register',
  osm: 'OpenStreetMap',
};

function sourceKind(place: PlaceRecord): SourceKind {
  if (place.licenceNumber !== undefined || place.id.startsWith('register-')) return 'register';
  return isFsaBusinessType(place.type) ? 'fhrs' : 'osm';
}

/** Words that vary between records of one premises ("The Beehive P.H", "Kings Head Public House"). */
const NOISE = new Set(['the', 'ph', 'p', 'h', 'pub', 'ltd', 'limited', 'and', 'bar', 'at']);

/** A name's distinctive words: lower case, accents, apostrophes and "public house" gone. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/public house/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !NOISE.has(word));
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Whether two names are the same premises' names: one's words within the other's, or one typing slip apart. */
export function namesAgree(a: string, b: string): boolean {
  const left = nameWords(a);
  const right = nameWords(b);
  if (left.length === 0 || right.length === 0) return false;
  const [short, long] = left.length <= right.length ? [left, right] : [right, left];
  if (short.every((word) => long.includes(word))) return true;
  const joinedShort = short.join('');
  const joinedLong = long.join('');
  if (joinedShort === joinedLong) return true;
  return joinedShort.length >= 6 && withinOneEdit(joinedShort, joinedLong);
}

function samePremises(a: PlaceRecord, b: PlaceRecord): boolean {
  const samePlace = (a.postcode !== undefined && a.postcode === b.postcode) || metresApart(a, b) <= SAME_PREMISES_METRES;
  return samePlace && namesAgree(a.name, b.name);
}

function isCandidate(place: PlaceRecord, options: CandidateOptions): boolean {
  if (sourceKind(place) === 'register') return true;
  const wanted = new Set([...options.fhrsBusinessTypes, ...options.osmAmenities].map((type) => type.toLowerCase()));
  // Gazetteers built before types were kept: their pub/bar/nightclub category stands in.
  if (place.type === undefined) return place.category === 'pub_bar_nightclub';
  return wanted.has(place.type.toLowerCase());
}

/** Groups records of one premises (single linkage over `samePremises`). */
function groupRecords(records: PlaceRecord[]): PlaceRecord[][] {
  const parent = records.map((_, index) => index);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Sorted by latitude so that only records within reach are compared.
  const order = records.map((_, index) => index).sort((a, b) => records[a]!.latitude - records[b]!.latitude);
  const reach = SAME_PREMISES_METRES / 111_000;
  for (let x = 0; x < order.length; x++) {
    const a = records[order[x]!]!;
    for (let y = x + 1; y < order.length && records[order[y]!]!.latitude - a.latitude <= reach; y++) {
      if (samePremises(a, records[order[y]!]!)) parent[find(order[x]!)] = find(order[y]!);
    }
  }
  // Same postcode, further apart than the reach (a large postcode): compared too.
  const byPostcode = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (record.postcode === undefined) return;
    if (!byPostcode.has(record.postcode)) byPostcode.set(record.postcode, []);
    byPostcode.get(record.postcode)!.push(index);
  });
  for (const indices of byPostcode.values()) {
    for (let x = 0; x < indices.length; x++) {
      for (let y = x + 1; y < indices.length; y++) {
        if (samePremises(records[indices[x]!]!, records[indices[y]!]!)) parent[find(indices[x]!)] = find(indices[y]!);
      }
    }
  }
  const groups = new Map<number, PlaceRecord[]>();
  records.forEach((record, index) => {
    const root = find(index);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(record);
  });
  return [...groups.values()];
}

const first = <T>(records: PlaceRecord[], order: SourceKind[], pick: (record: PlaceRecord) => T | undefined): T | undefined => {
  for (const kind of order) {
    for (const record of records) {
      if (sourceKind(record) !== kind) continue;
      const value = pick(record);
      if (value !== undefined) return value;
    }
  }
  return undefined;
};

/** Lines a register puts before the address proper: the premises' own name again, or what it is. */
const NOT_ADDRESS = /^(public house|ph|pub|shop|restaurant|club|bar|cafe|premises)$/i;

/** An address without the lines that only repeat the premises' name or kind ("The Victoria Ph, Axe Street" → "Axe Street"). */
export function addressWithoutName(address: string | undefined, name: string): string | undefined {
  if (address === undefined) return undefined;
  const parts = address.split(',').map((part) => part.trim()).filter((part) => part !== '' && !NOT_ADDRESS.test(part) && !(/^\D*$/.test(part) && namesAgree(part, name)));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function premisesOf(group: PlaceRecord[]): PremisesPoint {
  const sorted = [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The licence names the premises to a committee; then the trading name (OSM), then the food register.
  const reference = first(sorted, ['register', 'fhrs', 'osm'], (record) => record)!;
  const located = first(sorted, ['osm', 'fhrs', 'register'], (record) => record)!;
  const premises: PremisesPoint = {
    id: reference.id,
    name: first(sorted, ['register', 'osm', 'fhrs'], (record) => record.name)!,
    longitude: located.longitude,
    latitude: located.latitude,
    recordIds: sorted.map((record) => record.id),
    sources: [...new Set(sorted.map((record) => `${SOURCE_LABEL[sourceKind(record)]} (${record.source})`))].sort(),
  };
  const address = first(sorted, ['register', 'fhrs', 'osm'], (record) => addressWithoutName(record.address ?? record.street, record.name));
  const postcode = first(sorted, ['register', 'fhrs', 'osm'], (record) => record.postcode);
  const licenceNumber = first(sorted, ['register'], (record) => record.licenceNumber);
  const licensedHours = first(sorted, ['register'], (record) => record.licensedHours);
  if (address !== undefined) premises.address = address;
  if (postcode !== undefined) premises.postcode = postcode;
  if (licenceNumber !== undefined) premises.licenceNumber = licenceNumber;
  if (licensedHours !== undefined) premises.licensedHours = licensedHours;
  return premises;
}

/**
 * The candidate premises: groups of the gazetteer's premises records and the
 * register's rows that hold at least one licensed record. `register` rows whose
 * id the gazetteer already has (it was built with the same register) are that
 * record, not a second one.
 */
export function licensedPremises(places: readonly PlaceRecord[], register: readonly PlaceRecord[], options: CandidateOptions): PremisesPoint[] {
  const byId = new Map<string, PlaceRecord>();
  for (const place of places) if (place.kind === 'premises') byId.set(place.id, place);
  for (const row of register) byId.set(row.id, { ...byId.get(row.id), ...row });
  return groupRecords([...byId.values()])
    .filter((group) => group.some((record) => isCandidate(record, options)))
    .map(premisesOf)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "The Victoria, 34 Scotland Green, N17 9TT": a name that tells same-named premises apart. */
export function premisesTitle(premises: PremisesPoint): string {
  const where = [premises.address?.split(',')[0], premises.postcode].filter(Boolean).join(', ');
  return where === '' ? premises.name : `${premises.name}, ${where}`;
}
