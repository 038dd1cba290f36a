/**
 * Builds the *independent* evaluation set: location texts written from the open
 * data and from how reception staff write (../shared/notes/domain.md), without
 * reference to the geocoder's rules or to the first labelled set. Truth comes
 * from the data alone. Deterministic (seeded), so the committed CSVs can be
 * regenerated and diffed:
 *
 *   npx tsx src/geocode/evaluation/build-independent-set.ts [DATA_DIR]
 *
 * A quarter of the texts (by a hash of the text) go to a held-out file that is
 * scored only with `npm run eval:geocode -- --held-out`, once rules are settled.
 *
 * Groups and their truth:
 * - street_typo: every street name of each borough with one random typo (model
 *   below), sometimes with shorthand, a house number, o/s / nr / opp, or the
 *   postcode district. Truth: any LSOA of the street's sampled postcodes; when
 *   the borough has several same-named streets (separate clusters) the text is
 *   `ambiguous` unless a district given selects exactly one.
 * - chain_area: a chain brand (a name with 2+ premises in the borough) with an
 *   area word found in a branch's address. One branch there: that branch; several
 *   more than 300 m apart: `ambiguous`. chain_bare: the brand alone, `ambiguous`.
 * - school_short: a school named as people say it ("st marys school"): the
 *   name without generic words. Several schools sharing that short name (or
 *   whose short name starts with it) more than 300 m apart: `ambiguous`.
 * - station_in / station_out: stations in the borough (landmark, the station's
 *   LSOA) and stations just over the boundary (must not be placed: `no_match`).
 * - pub_forms: o/s, opp, nr and similar forms with a pub's name (unique names;
 *   same-named pubs far apart are `ambiguous` unless the street selects one).
 * - junction: two streets sharing a sampled postcode; any LSOA of either street.
 * - generic / unknown / home: hand-written phrasings that must not be placed.
 *
 * Typo model (street_typo): pick the longest word of the name that is not the
 * street type (ties at random); apply one edit at a uniformly chosen position
 * after the first letter: deletion (30 %), transposition with the next letter
 * (30 %), substitution by a QWERTY neighbour (30 %), doubling (10 %). Redraw when
 * the result is the word itself or another word of the borough's street names.
 * The street type is then abbreviated with probability 0.5 (road → rd …), and the
 * case is lower (60 %), upper (30 %) or as written (10 %).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from './shared-data.ts';
import { oneRoad } from './one-road.ts';
import { INDEPENDENT_HELD_OUT, INDEPENDENT_SET } from './run.ts';
import { metresBetween } from '../../lib/distance.ts';
import { seededRandom } from '../../lib/seeded-random.ts';


const BOROUGHS = [
  { folder: 'haringey', sites: ['RAPNM', 'RKEQ4'] },
  { folder: 'barking_and_dagenham', sites: ['RF4QH', 'RF4DG'] },
] as const;

interface Feature { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }
interface Case { text: string; site: string; outcome: string; lsoas: string[]; group: string }

const random = seededRandom(16);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const spreadOver = (points: Array<[number, number]>, limit: number): boolean =>
  points.some((p, i) => points.slice(i + 1).some((q) => metresBetween(p, q) > limit));

const key = (s: string): string => s.toLowerCase().replace(/[’'.]/g, '').replace(/&/g, ' and ').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
function readFeatures(dir: string, file: string): Feature[] {
  return (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { features: Feature[] }).features;
}

const STREET_TYPES: Record<string, string> = { road: 'rd', street: 'st', avenue: 'ave', lane: 'ln', gardens: 'gdns', grove: 'gr', parade: 'pde', place: 'pl', close: 'cl', terrace: 'terr', crescent: 'cres', drive: 'dr', square: 'sq' };
const QWERTY = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbour(ch: string): string {
  for (let r = 0; r < QWERTY.length; r++) {
    const c = QWERTY[r]!.indexOf(ch);
    if (c < 0) continue;
    const options = [QWERTY[r]![c - 1], QWERTY[r]![c + 1], QWERTY[r - 1]?.[c], QWERTY[r + 1]?.[c]].filter((x): x is string => !!x);
    return pick(options);
  }
  return ch;
}
function typo(word: string): string {
  const i = 1 + Math.floor(random() * (word.length - 1));
  const roll = random();
  if (roll < 0.3) return word.slice(0, i) + word.slice(i + 1);
  if (roll < 0.6) return i < word.length - 1 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i - 1) + word[i] + word[i - 1];
  if (roll < 0.9) return word.slice(0, i) + neighbour(word[i]!) + word.slice(i + 1);
  return word.slice(0, i) + word[i] + word.slice(i);
}
function misspell(name: string, vocabulary: Set<string>): string {
  const words = key(name).split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w, i }) => !(i === words.length - 1 && STREET_TYPES[w]) && w.length >= 4);
  if (candidates.length > 0) {
    const longest = Math.max(...candidates.map((c) => c.w.length));
    const target = pick(candidates.filter((c) => c.w.length === longest));
    for (let attempt = 0; attempt < 10; attempt++) {
      const changed = typo(target.w);
      if (changed !== target.w && !vocabulary.has(changed)) {
        words[target.i] = changed;
        break;
      }
    }
  }
  const last = words[words.length - 1]!;
  if (STREET_TYPES[last] && random() < 0.5) words[words.length - 1] = STREET_TYPES[last]!;
  return words.join(' ');
}
function casing(text: string): string {
  const roll = random();
  return roll < 0.6 ? text.toLowerCase() : roll < 0.9 ? text.toUpperCase() : text;
}

const GENERIC_SCHOOL = new Set(['primary', 'school', 'infant', 'infants', 'junior', 'nursery', 'and', 'catholic', 'cofe', 'ce', 'rc', 'church', 'of', 'england', 'voluntary', 'aided', 'controlled', 'academy', 'community', 'secondary', 'for', 'girls', 'the', 'a', 'specialist', 'sports', 'humanities', 'college', 'technology', 'high', 'with', 'arp', 'cognitive', 'learning', 'difficulties', 'sen', 'base']);
const CORPORATE = new Set(['ltd', 'limited', 'plc', 'uk', 'gmbh', 'restaurant', 'restaurants', 'foods', 'the', 'chemists']);

function brandKey(name: string): string {
  const words = key(name).split(' ');
  while (words.length > 1 && CORPORATE.has(words[words.length - 1]!)) words.pop();
  return words.join(' ').replace(/^k f c$/, 'kfc');
}

function boroughCases(dir: string, sites: readonly string[]): Case[] {
  const cases: Case[] = [];
  const site = (): string => pick(sites);
  const add = (text: string, outcome: string, lsoas: string[], group: string): void => {
    cases.push({ text, site: site(), outcome, lsoas: [...new Set(lsoas)].sort(), group });
  };
  const streets = readFeatures(dir, 'streets_fhrs_derived.geojson');
  const premises = readFeatures(dir, 'food_drink_premises_fhrs_2020.geojson');
  const pubs = readFeatures(dir, 'licensed_premises_osm_pubs.geojson');
  const landmarks = readFeatures(dir, 'landmarks_osm_2019.geojson');
  const schools = readFeatures(dir, 'landmarks_schools_parks_ogl.geojson').filter((f) => f.properties['landmark_type'] === 'school');

  // Streets, each name once, misspelt.
  const byStreet = new Map<string, Feature[]>();
  for (const f of streets) byStreet.set(str(f.properties['name_key']), [...(byStreet.get(str(f.properties['name_key'])) ?? []), f]);
  const vocabulary = new Set([...byStreet.keys()].flatMap((k) => k.split(' ')));
  const placeNames = new Set(landmarks.map((f) => key(str(f.properties['name']))));
  for (const [nameKey, features] of byStreet) {
    const name = str(features[0]!.properties['name']);
    const lsoasOf = (fs: Feature[]): string[] => fs.flatMap((f) => f.properties['lsoa21_all'] as string[]);
    const spread = features.length > 1 && spreadOver(features.map((f) => f.geometry.coordinates), 1000);
    const wrong = misspell(name, vocabulary);
    const roll = random();
    let text: string;
    let selected = features;
    const districts = features[0]!.properties['postcode_districts'] as string[];
    if (roll < 0.25 && districts.length > 0) {
      const district = pick(districts);
      text = `${wrong} ${district}`;
      selected = features.filter((f) => (f.properties['postcode_districts'] as string[]).includes(district));
    } else if (roll < 0.45) text = `o/s ${1 + Math.floor(random() * 200)} ${wrong}`;
    else if (roll < 0.6) text = `${pick(['nr', 'near', 'opp', 'o/s', 'outside'])} ${wrong}`;
    else if (roll < 0.7) text = `${wrong}, ${pick(['london', 'in the street', 'on the pavement'])}`;
    else text = wrong;
    // The features of the name the text gives (name_key may join "Hornsey Park Road" to "Park Road");
    // several of them are one road when they share their postcode district (one-road.ts).
    selected = selected.filter((f) => str(f.properties['name']).toLowerCase() === name.toLowerCase());
    const ambiguous = selected.length > 1 && spreadOver(selected.map((f) => f.geometry.coordinates), 1000) && !oneRoad(selected);
    if (placeNames.has(nameKey)) continue; // a place name as well as a street: a different question
    void spread;
    if (ambiguous) add(casing(text), 'ambiguous', [], 'street_typo_shared');
    else add(casing(text), 'street', lsoasOf(selected), 'street_typo');
  }

  // Junctions: streets with a shared sampled postcode; each street once at most.
  const used = new Set<string>();
  const unique = [...byStreet].filter(([k, fs]) => fs.length === 1 && !placeNames.has(k)).map(([, fs]) => fs[0]!);
  let junctions = 0;
  for (let i = 0; i < unique.length && junctions < 25; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      const a = unique[i]!, b = unique[j]!;
      const an = str(a.properties['name']), bn = str(b.properties['name']);
      if (used.has(an) || used.has(bn)) continue;
      const shared = (a.properties['sample_postcodes'] as string[]).some((p) => (b.properties['sample_postcodes'] as string[]).includes(p));
      if (!shared) continue;
      used.add(an); used.add(bn);
      const text = pick([`jct ${an} and ${bn}`, `corner of ${an} & ${bn}`, `${an} / ${bn}`, `junction of ${an} with ${bn}`, `${an} j/w ${bn}`]);
      add(casing(text), 'junction', [...(a.properties['lsoa21_all'] as string[]), ...(b.properties['lsoa21_all'] as string[])], 'junction');
      junctions++;
      break;
    }
  }

  // Chains.
  // An area's branches: those whose address or ward names the area, or within 800 m of a
  // point of that name (suburb, town or station).
  const areaPoints = new Map<string, Array<[number, number]>>();
  for (const f of landmarks.filter((l) => str(l.properties['landmark_type']).startsWith('place_') || l.properties['landmark_type'] === 'rail_or_tube_station')) {
    const n = str(f.properties['name']);
    areaPoints.set(n, [...(areaPoints.get(n) ?? []), f.geometry.coordinates]);
  }
  const areaNames = [...areaPoints.keys()];
  const brands = new Map<string, Feature[]>();
  for (const f of premises) brands.set(brandKey(str(f.properties['name'])), [...(brands.get(brandKey(str(f.properties['name']))) ?? []), f]);
  for (const [brand, branches] of brands) {
    if (branches.length < 2 || brand.length < 3 || /@/.test(brand + str(branches[0]!.properties['name']))) continue;
    const surface = str(branches[0]!.properties['name']).toLowerCase().replace(/ (ltd|limited|plc|restaurants?|uk ltd)$/, '');
    if (spreadOver(branches.map((f) => f.geometry.coordinates), 300)) add(pick([`o/s ${surface}`, `inside ${surface}`, surface]), 'ambiguous', [], 'chain_bare');
    for (const area of areaNames) {
      const re = new RegExp(`\\b${key(area)}\\b`);
      const inArea = branches.filter((f) => [1, 2, 3, 4].some((n) => re.test(key(str(f.properties[`address_line_${n}`])))) || re.test(key(str(f.properties['ward23nm']))) || areaPoints.get(area)!.some((p) => metresBetween(p, f.geometry.coordinates) <= 800));
      if (inArea.length === 0) continue;
      const text = pick([`o/s ${surface} ${area}`, `${surface}, ${area}`, `inside ${surface} in ${area}`, `${surface} ${area.toLowerCase()}`]);
      if (inArea.length > 1 && spreadOver(inArea.map((f) => f.geometry.coordinates), 300)) add(text, 'ambiguous', [], 'chain_area_shared');
      else add(text, 'premises', inArea.map((f) => str(f.properties['lsoa21cd'])), 'chain_area');
    }
  }

  // Schools as people name them.
  const core = (name: string): string => key(name.split(',')[0]!).split(' ').filter((w) => !GENERIC_SCHOOL.has(w)).join(' ');
  const cores = new Set(schools.map((f) => core(str(f.properties['name']))).filter((c) => c !== ''));
  const streetKeys = new Set(byStreet.keys());
  for (const c of cores) {
    if (placeNames.has(c) || streetKeys.has(c) || [...streetKeys].some((s) => s.startsWith(c + ' ') && !c.startsWith('st '))) continue;
    const group = schools.filter((f) => { const k = core(str(f.properties['name'])); return k === c || k.startsWith(c + ' '); });
    const text = pick([`${c} school`, `o/s ${c} school`, `${c} primary`, `outside ${c} sch`, `playground of ${c} school`]);
    if (spreadOver(group.map((f) => f.geometry.coordinates), 300)) add(text, 'ambiguous', [], 'school_shared');
    else add(text, 'landmark', group.map((f) => str(f.properties['lsoa21cd'])), 'school_short');
  }

  // Stations in the borough.
  for (const f of landmarks.filter((l) => l.properties['landmark_type'] === 'rail_or_tube_station')) {
    const n = str(f.properties['name']);
    add(pick([`${n} station`, `o/s ${n} stn`, `${n} tube station`, `bus stop outside ${n} station`, `platform at ${n} station`, `opp ${n} station`]), 'landmark', [str(f.properties['lsoa21cd'])], 'station_in');
  }

  // Pubs in o/s, opp, nr forms.
  const byPub = new Map<string, Feature[]>();
  for (const f of pubs) {
    const k = key(str(f.properties['name'])).replace(/^the /, '');
    byPub.set(k, [...(byPub.get(k) ?? []), f]);
  }
  for (const [, group] of byPub) {
    const name = str(group[0]!.properties['name']);
    const street = str(group[0]!.properties['addr:street']);
    const ambiguous = spreadOver(group.map((f) => f.geometry.coordinates), 300);
    const withStreet = street !== '' && random() < 0.4;
    const text = withStreet ? pick([`nr ${name}, ${street}`, `o/s ${name}, ${street}`]) : pick([`o/s ${name}`, `opp ${name} pub`, `nr ${name}`, `outside the ${name.replace(/^the /i, '')} pub`, `in ${name}`, `beer garden of ${name}`]);
    const selected = withStreet ? group.filter((f) => str(f.properties['addr:street']) === street) : group;
    if (!withStreet && ambiguous) add(text, 'ambiguous', [], 'pub_shared');
    else add(text, 'premises', selected.map((f) => str(f.properties['lsoa21cd'])), 'pub_forms');
  }
  return cases;
}

// Stations just over each borough's boundary (Transport for London maps), and
// one far away whose name holds a borough place word.
const STATIONS_OUTSIDE: Record<string, string[]> = {
  haringey: ['Finsbury Park', 'Manor House', 'Archway', 'Crouch Hill', 'Upper Holloway', 'Highbury & Islington', 'Arnos Grove', 'East Finchley', 'Edmonton Green', 'Silver Street', 'Walthamstow Central', 'Blackhorse Road', 'Stamford Hill', 'Stoke Newington', 'Palmers Green', 'Southgate', 'Tufnell Park', 'Tottenham Court Road', 'Meridian Water', 'Green Lanes Overground'],
  barking_and_dagenham: ['Chadwell Heath', 'Romford', 'Ilford', 'Goodmayes', 'Seven Kings', 'Elm Park', 'Hornchurch', 'Rainham', 'Upminster', 'East Ham', 'Upton Park', 'Beckton', 'Gallions Reach', 'Newbury Park', 'Barkingside', 'Gants Hill'],
};

const UNKNOWN = ['unknown', 'UNKNOWN', 'not known', 'n/k', 'u/k', 'unkown', 'unkonwn', 'unknwon', 'pt unable to say', 'pt doesnt remember', 'does not remember where', "can't recall", 'cannot recall location', 'not stated', 'declined to say', 'refused to say', 'pt would not say', 'no details given', 'not given', 'not disclosed', 'pt too drunk to say', 'unable to recall', 'did not say', 'location not recorded', 'info not available', 'not sure', 'unsure', "don't know", 'dont know', 'pt unsure where', '?', '??', 'n/a', 'NA', 'none given', 'not asked', 'unknown location', 'location unknown', 'unknown - pt confused', 'not known to patient', 'pt cannot remember', 'no fixed location', 'unk', 'not recorded', 'pt not able to give location', 'denies knowing where'];
const HOME = ["pt's home", 'at home', 'home address', 'own home', 'in his flat', 'her flat', 'at home - partner', "partner's house", "at a friends house", 'house party', 'in the kitchen at home', 'pts flat', 'own flat', 'his house', 'home', 'HOME', "mum's house", 'at his girlfriends flat', 'bedroom', 'in own home address', 'at home by ex partner', 'px home', 'family home', 'at residence', 'in the flat'];
const GENERIC = ['in the street', 'outside a shop', 'in the park', 'on the bus', 'at the pub', 'outside the pub', 'at a nightclub', 'in a car', 'bus stop', 'outside chicken shop', 'chicken shop', 'corner shop', 'local shop', 'the local cafe', 'pizza shop', 'off licence', 'food and wine shop', 'newsagents', 'betting shop', 'barbers', 'nail salon', 'phone shop', 'car park', 'petrol station', 'launderette', 'church', 'mosque', 'gym', 'stairwell', 'alleyway', 'footpath', 'bus shelter', 'on the tube', 'on a train', 'train station', 'the station', 'park bench', 'playground', 'football pitch', 'shopping centre', 'market', 'chip shop', 'kebab shop', 'supermarket', 'beer garden', 'in a taxi', 'minicab office', 'on the road', 'main road', 'town centre', 'the estate', 'housing estate', 'at work', 'workplace', 'at school', 'school playground', 'restaurant', 'takeaway', 'the express', 'royal', 'the green', 'the parade', 'high st shops', 'outside', 'in', 'near the shops', 'the garage', 'hotel room', 'bar', 'club', 'a party', 'cafe'];

function main(): void {
  const dataDir = process.argv[2] ?? sharedDataDir();
  if (!dataDir) throw new Error('No shared data folder: pass DATA_DIR');
  const cases: Case[] = [];
  for (const { folder, sites } of BOROUGHS) {
    cases.push(...boroughCases(path.join(dataDir, folder), sites));
    for (const n of STATIONS_OUTSIDE[folder]!) cases.push({ text: pick([`${n} station`, `o/s ${n} stn`, `${n} tube`, `outside ${n} station`]), site: pick(sites), outcome: 'no_match', lsoas: [], group: 'station_out' });
  }
  const allSites = BOROUGHS.flatMap((b) => b.sites);
  for (const t of UNKNOWN) cases.push({ text: t, site: pick(allSites), outcome: 'unknown', lsoas: [], group: 'unknown' });
  for (const t of HOME) cases.push({ text: t, site: pick(allSites), outcome: 'home', lsoas: [], group: 'home' });
  for (const t of GENERIC) cases.push({ text: t, site: pick(allSites), outcome: 'no_match', lsoas: [], group: 'generic' });
  const seen = new Set<string>();
  const unique = cases.filter((c) => { const k = `${c.site}|${key(c.text)}`; if (seen.has(k)) return false; seen.add(k); return true; });
  const hash = (s: string): number => { let h = 2166136261; for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0; return h; };
  const csv = (rows: Case[]): string => 'text,site_code,expected_outcome,expected_lsoa,group\n' + rows.map((c) => [c.text, c.site, c.outcome, c.lsoas.join('|'), c.group].map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
  mkdirSync(path.dirname(INDEPENDENT_SET), { recursive: true });
  writeFileSync(INDEPENDENT_SET, csv(unique.filter((c) => hash(c.text) % 4 !== 0)));
  writeFileSync(INDEPENDENT_HELD_OUT, csv(unique.filter((c) => hash(c.text) % 4 === 0)));
  const counts = new Map<string, number>();
  for (const c of unique) counts.set(c.group, (counts.get(c.group) ?? 0) + 1);
  console.log(`${unique.length} texts:`, Object.fromEntries(counts));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
