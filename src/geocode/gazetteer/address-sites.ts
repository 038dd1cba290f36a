/**
 * Sites that premises registers name in their addresses but no open-data file
 * lists as places: shopping centres, retail parks, markets, leisure parks,
 * industrial estates ("Unit 12, Wood Green Shopping City, High Road"). ED staff
 * name them ("o/s vicarage field shopping centre"), so the gazetteer holds each
 * as a landmark at the medoid of the premises whose addresses name it.
 *
 * An address part is a site when, without its unit designators and numbers, it
 * ends in a kind of site (schemas/code-lists/site-kinds.json) and is neither the
 * premises' own street or name nor a street the gazetteer holds nearby ("21 The
 * Mall" on a street called The Mall is that street). A one-word kind ("market",
 * "mall") also ends streets and shop names, so two premises must name the site;
 * a longer kind ("shopping centre") is one premises' register's own word for
 * where it is. A name that is only its kind ("The Mall") also needs two, and the
 * matcher places it only beside a word that locates it (../site-words.ts).
 * The result depends only on the records given: ids come from the name and
 * postcode district, so a rebuild keeps them.
 */
import { metresApart } from '../../lib/distance.ts';
import { createNormaliser, type Normaliser } from '../normalise.ts';
import { placeKeys } from '../place-index.ts';
import { createSiteKinds, type SiteKind } from '../site-words.ts';
import type { ReadResult } from './read-postcodes.ts';
import type { LsoaRecord, PlaceRecord } from './types.ts';

/** Premises naming the same site lie within this distance of another of them (a retail park is a few hundred metres across). */
const SITE_LINK_METRES = 500;
/** A street the gazetteer holds within this distance of a premises is the street its address names, not a site. */
const STREET_NEAR_METRES = 1000;

/** Leading and trailing words of an address part that say which unit, not which site: "Unit 5 - 6", "Kiosk 1", "Units 39, 41 & 48". */
const UNIT_WORDS = new Set(['unit', 'units', 'kiosk', 'kiosks', 'shop', 'shops', 'stall', 'stalls', 'suite', 'block', 'floor', 'first', 'ground', 'lower', 'upper', 'level']);
const isUnitToken = (token: string): boolean => UNIT_WORDS.has(token.toLowerCase()) || /\d/.test(token) || /^(?:-|&|and|to|[a-z])$/i.test(token);

interface Mention {
  premises: PlaceRecord;
  /** The part as the address writes it, without units. */
  name: string;
  tokens: string[];
  kind: SiteKind;
}

export const ADDRESS_SITES_FORMAT = 'sites named in premises addresses';

/**
 * The sites named in the addresses of `premises` (one register file's records),
 * as landmarks. `known` is every place gathered so far (its streets say which
 * parts are streets; its names, which shorter names are taken) and `lsoas` give
 * the ward names, which a site's shorter name must not be.
 */
export function deriveAddressSites(premises: readonly PlaceRecord[], known: readonly PlaceRecord[], lsoas: readonly LsoaRecord[]): ReadResult<PlaceRecord> {
  const normaliser = createNormaliser();
  const siteKinds = createSiteKinds(normaliser);
  const common = siteKinds.isCommon;
  const key = (text: string): string => normaliser.tokens(text).filter((t, i) => i > 0 || t !== 'the').join(' ');
  const streetsByName = new Map<string, PlaceRecord[]>();
  for (const place of known) {
    if (place.kind !== 'street') continue;
    const name = key(place.name);
    streetsByName.set(name, [...(streetsByName.get(name) ?? []), place]);
  }
  const isStreetNear = (name: string, at: PlaceRecord): boolean => (streetsByName.get(name) ?? []).some((street) => metresApart(street, at) <= STREET_NEAR_METRES);

  const byName = new Map<string, Mention[]>();
  for (const record of premises) {
    if (record.kind !== 'premises' || !record.address) continue;
    const seen = new Set<string>();
    for (const part of record.address.split(',')) {
      const mention = siteIn(part, record, normaliser, siteKinds.kindAtEnd);
      if (!mention) continue;
      const name = mention.tokens.join(' ');
      if (seen.has(name) || name === key(record.street ?? '') || name === key(record.name) || isStreetNear(name, record)) continue;
      seen.add(name);
      byName.set(name, [...(byName.get(name) ?? []), mention]);
    }
  }

  const takenNames = takenNamesOf(known, lsoas, normaliser, key);

  const records: PlaceRecord[] = [];
  let skipped = 0;
  const usedIds = new Set<string>();
  for (const [name, mentions] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const group of linked(mentions)) {
      const kind = group[0]!.kind;
      const core = group[0]!.tokens.slice(0, group[0]!.tokens.length - kind.words.length);
      const distinctive = core.some((t) => !common(t));
      const needed = kind.words.length === 1 || !distinctive ? 2 : 1;
      // A name of common words alone ("Market Hall", "Street Market") is never found by the matcher: no use as a place.
      if (group.length < needed || group[0]!.tokens.every(common)) {
        skipped++;
        continue;
      }
      const aliases: string[][] = [];
      if (distinctive) {
        // "Vicarage Field" for Vicarage Field Shopping Centre: the name people shorten it to, when it
        // is two words or more, not all common, and neither it nor its first words name another
        // place, ward or locality ("Tottenham Green" of Tottenham Green Leisure Centre is Tottenham's).
        if (core.length >= 2 && core.every((_, k) => !takenNames.has(core.slice(0, k + 1).join(' ')))) aliases.push(core);
        // "Seven Sisters Market" for Seven Sisters Market Hall; "Wood Green Shopping Centre" for Wood Green Shopping City.
        if (kind.short) aliases.push([...core, ...kind.short]);
        for (const alike of kind.alike) aliases.push([...core, ...alike]);
        // "shopping city wood green": a site named after its locality, with the locality said last.
        if (kind.words.length >= 2 && takenNames.has(core.join(' '))) aliases.push([...kind.words, ...core]);
      }
      records.push(siteRecord(name, group, aliases.map((words) => words.join(' ')), usedIds));
    }
  }
  return { records, skipped, format: ADDRESS_SITES_FORMAT };
}

/** Names computed once per set of known places: a region's build derives sites from many premises files against the same places. */
const takenNamesCache = new WeakMap<readonly PlaceRecord[], Set<string>>();

/** Every name a place, ward or address locality goes by: a site's short name must not be one of them. */
function takenNamesOf(known: readonly PlaceRecord[], lsoas: readonly LsoaRecord[], normaliser: Normaliser, key: (text: string) => string): Set<string> {
  const cached = takenNamesCache.get(known);
  if (cached) return cached;
  const taken = new Set<string>();
  for (const place of known) for (const [tokens] of placeKeys(place, normaliser)) taken.add(tokens.join(' '));
  for (const lsoa of lsoas) if (lsoa.wardName) taken.add(key(lsoa.wardName));
  // The words addresses use after the street for where a premises is ("Chadwell Heath", "Hornsey"): a place's name, not a site's.
  for (const place of known) {
    if (place.kind !== 'premises' || !place.address || !place.street) continue;
    const parts = place.address.split(',').map(key);
    const street = parts.findIndex((part) => part.includes(key(place.street!)));
    if (street >= 0) for (const part of parts.slice(street + 1)) taken.add(part);
  }
  takenNamesCache.set(known, taken);
  return taken;
}

/** The site an address part names, if it ends in a kind of site once its unit designators are taken off. */
function siteIn(part: string, premises: PlaceRecord, normaliser: Normaliser, kindAtEnd: (tokens: readonly string[]) => SiteKind | null): Mention | null {
  // "McDonald's - Dagenham Leisure Park": the words after a dash say where.
  const words = (part.split(/\s+-\s+/).at(-1) ?? '').trim().split(/\s+/).filter(Boolean);
  let start = 0;
  let end = words.length;
  while (start < end && isUnitToken(words[start]!)) start++;
  // "Market Hall Unit 10": a unit designator after the name, and what follows it.
  const unitAt = words.findIndex((word, i) => i > start && UNIT_WORDS.has(word.toLowerCase()) && words.slice(i + 1).every(isUnitToken));
  if (unitAt > 0) end = unitAt;
  const name = words.slice(start, end).join(' ');
  const tokens = normaliser.tokens(name).filter((t, i) => i > 0 || t !== 'the');
  const kind = tokens.length > 0 ? kindAtEnd(tokens) : null;
  if (!kind) return null;
  return { premises, name: tidy(name), tokens, kind };
}

/** Registers write some addresses in capitals: "ARENA SHOPPING PARK" is shown as "Arena Shopping Park". */
function tidy(name: string): string {
  return name === name.toUpperCase() ? name.toLowerCase().replace(/\b[a-z]/g, (letter) => letter.toUpperCase()) : name;
}

/** Single-linkage groups of the premises naming one site: the same name far apart is two sites. */
function linked(mentions: Mention[]): Mention[][] {
  const groups: Mention[][] = [];
  for (const mention of mentions) {
    const joined = groups.filter((group) => group.some((other) => metresApart(other.premises, mention.premises) <= SITE_LINK_METRES));
    const merged = [...joined.flat(), mention];
    for (const group of joined) groups.splice(groups.indexOf(group), 1);
    groups.push(merged);
  }
  return groups;
}

/** `aliases`: other ways people say the site's name, as normalised words. */
function siteRecord(name: string, group: Mention[], aliases: string[], usedIds: Set<string>): PlaceRecord {
  // The premises with the least total distance to the others: a point inside the site, unlike a centroid.
  const medoid = [...group]
    .map((mention) => ({ mention, total: group.reduce((sum, other) => sum + metresApart(mention.premises, other.premises), 0) }))
    .sort((a, b) => a.total - b.total || (a.mention.premises.id < b.mention.premises.id ? -1 : 1))[0]!.mention.premises;
  const spellings = new Map<string, number>();
  for (const mention of group) spellings.set(mention.name, (spellings.get(mention.name) ?? 0) + 1);
  const shown = [...spellings].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))[0]![0];
  const districts = [...new Set(group.flatMap((mention) => mention.premises.districts ?? []))].sort();
  const base = `site-${[medoid.districts?.[0]?.toLowerCase(), ...name.split(' ')].filter(Boolean).join('-')}`;
  let id = base;
  for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
  usedIds.add(id);
  const record: PlaceRecord = { id, kind: 'landmark', name: shown, category: group[0]!.kind.category, longitude: medoid.longitude, latitude: medoid.latitude, source: medoid.source };
  if (aliases.length > 0) record.aliases = aliases;
  if (districts.length > 0) record.districts = districts;
  if (medoid.postcode) record.postcode = medoid.postcode;
  return record;
}
