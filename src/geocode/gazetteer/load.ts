/**
 * Loads a gazetteer file into memory: LSOA index, postcodes (with their LSOA
 * and ward), postcode sectors, and every place with its LSOA and ward. This is
 * what the geocoder and the de-identify stage (residence LSOA from a postcode)
 * read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLsoaIndex } from '../lsoa-index.ts';
import { normalisePostcode, postcodeDistrict, postcodeSector } from '../../lib/postcode.ts';
import { rulerAt } from '../../lib/distance.ts';
import { GAZETTEER_FORMAT, GAZETTEER_FORMAT_VERSION, LSOA_TOLERANCE_METRES, type GazetteerFile, type GazetteerSource, type LsoaRecord, type PlaceRecord, type SiteRecord } from './types.ts';

export interface PostcodeLookup {
  postcode: string;
  longitude: number;
  latitude: number;
  lsoaCode: string | null;
  wardCode: string | null;
}

export interface SectorLookup {
  sector: string;
  /** The sector's medoid postcode point: a real address location, unlike an average. */
  longitude: number;
  latitude: number;
  lsoaCode: string | null;
  wardCode: string | null;
  postcodeCount: number;
}

export interface LocatedPlace extends PlaceRecord {
  lsoaCode: string | null;
  wardCode: string | null;
  ladCode: string | null;
}

export interface Gazetteer {
  readonly version: string;
  /** The input files the gazetteer was built from, with their formats and declared terms (for attribution). */
  readonly sources: readonly GazetteerSource[];
  readonly lsoas: readonly LsoaRecord[];
  readonly places: readonly LocatedPlace[];
  readonly sites: readonly SiteRecord[];
  /** Postcode districts the gazetteer has postcodes in ("N17", "IG11"). */
  readonly districts: ReadonlySet<string>;
  lsoaAt(longitude: number, latitude: number): LsoaRecord | null;
  /** A real postcode, whatever its spacing or case; null when it is not in the gazetteer. */
  lookupPostcode(postcode: string): PostcodeLookup | null;
  /** Every postcode placed in an LSOA, with that LSOA's code: a plain table to hand to another thread. */
  lsoaByPostcode(): Map<string, string>;
  /** A postcode sector ("N17 6"), null when the gazetteer has no postcode in it. */
  lookupSector(sector: string): SectorLookup | null;
  /** Centre (medoid postcode point) of a district, for settling names by "N17". */
  districtPoint(district: string): [number, number] | null;
  /** How many of a district's postcodes the gazetteer holds (0 when none): a district with few is mostly outside the area. */
  districtPostcodes(district: string): number;
  site(code: string): SiteRecord | null;
}

export function loadGazetteer(filePath: string): Gazetteer {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new Error(`${path.basename(filePath)}: not a readable gazetteer file (${(error as Error).message})`);
  }
  const file = data as Partial<GazetteerFile>;
  if (file.format !== GAZETTEER_FORMAT || file.formatVersion !== GAZETTEER_FORMAT_VERSION) {
    throw new Error(`${path.basename(filePath)}: expected format ${GAZETTEER_FORMAT} version ${GAZETTEER_FORMAT_VERSION}, found ${JSON.stringify(file.format)} version ${JSON.stringify(file.formatVersion)}`);
  }
  return createGazetteer(file as GazetteerFile);
}

/** Medoid of points: the one with the least summed ground distance to the others (its index). */
function medoid(points: Array<[number, number]>): number {
  if (points.length <= 2) return 0;
  const ruler = rulerAt(points[0]![1]);
  // Medoid of a sample keeps this O(k²) on big districts: a region's 180,000 postcodes took seconds with every point a candidate.
  const step = Math.max(1, Math.floor(points.length / 200));
  const candidateStep = Math.max(1, Math.floor(points.length / 64));
  let best = 0;
  let bestSum = Infinity;
  for (let c = 0; c < points.length; c += candidateStep) {
    const candidate = points[c]!;
    let sum = 0;
    for (let i = 0; i < points.length; i += step) {
      const other = points[i]!;
      sum += ruler.distance(candidate, other);
    }
    if (sum < bestSum) {
      bestSum = sum;
      best = c;
    }
  }
  return best;
}

export function createGazetteer(file: GazetteerFile): Gazetteer {
  const index = createLsoaIndex(file.lsoas, { toleranceMetres: LSOA_TOLERANCE_METRES });
  const lsoaByCode = new Map(file.lsoas.map((lsoa) => [lsoa.code, lsoa] as const));
  // The LSOA placed at build when the file has it (one lookup); else point-in-polygon now (a file of an earlier istv).
  const placed = (stored: string | null | undefined, longitude: number, latitude: number): LsoaRecord | null =>
    stored === undefined ? index.find(longitude, latitude) : stored === null ? null : (lsoaByCode.get(stored) ?? index.find(longitude, latitude));
  const postcodes = new Map<string, PostcodeLookup>();
  const sectorPostcodes = new Map<string, PostcodeLookup[]>();
  const districtPoints = new Map<string, Array<[number, number]>>();
  for (const [postcode, longitude, latitude, stored] of file.postcodes) {
    const lsoa = placed(stored, longitude, latitude);
    const lookup: PostcodeLookup = { postcode, longitude, latitude, lsoaCode: lsoa?.code ?? null, wardCode: lsoa?.wardCode ?? null };
    postcodes.set(postcode, lookup);
    const sector = postcodeSector(postcode);
    const district = postcodeDistrict(postcode);
    let inSector = sectorPostcodes.get(sector);
    if (!inSector) sectorPostcodes.set(sector, (inSector = []));
    inSector.push(lookup);
    let inDistrict = districtPoints.get(district);
    if (!inDistrict) districtPoints.set(district, (inDistrict = []));
    inDistrict.push([longitude, latitude]);
  }
  const sectors = new Map<string, SectorLookup>();
  for (const [sector, members] of sectorPostcodes) {
    // The medoid is one of the sector's postcodes, so its LSOA is that postcode's.
    const centre = members[medoid(members.map((member) => [member.longitude, member.latitude]))]!;
    sectors.set(sector, { sector, longitude: centre.longitude, latitude: centre.latitude, lsoaCode: centre.lsoaCode, wardCode: centre.wardCode, postcodeCount: members.length });
  }
  const districtCentres = new Map([...districtPoints].map(([district, points]) => [district, points[medoid(points)]!] as const));
  const places: LocatedPlace[] = file.places.map((place) => {
    const lsoa = placed(place.lsoa, place.longitude, place.latitude);
    return { ...place, lsoaCode: lsoa?.code ?? null, wardCode: lsoa?.wardCode ?? null, ladCode: lsoa?.ladCode ?? null };
  });
  const sites = new Map(file.sites.map((site) => [site.code, site] as const));

  return {
    version: file.version,
    sources: file.sources ?? [],
    lsoas: file.lsoas,
    places,
    sites: file.sites,
    districts: new Set(districtPoints.keys()),
    lsoaAt: (longitude, latitude) => index.find(longitude, latitude),
    lookupPostcode(value) {
      const postcode = normalisePostcode(value);
      return postcode ? (postcodes.get(postcode) ?? null) : null;
    },
    lsoaByPostcode() {
      const table = new Map<string, string>();
      for (const [postcode, found] of postcodes) if (found.lsoaCode) table.set(postcode, found.lsoaCode);
      return table;
    },
    lookupSector(value) {
      const compact = value.toUpperCase().replace(/\s+/g, '');
      const sector = compact.length >= 3 ? `${compact.slice(0, -1)} ${compact.slice(-1)}` : compact;
      return sectors.get(sector) ?? null;
    },
    districtPoint: (district) => districtCentres.get(district.toUpperCase()) ?? null,
    districtPostcodes: (district) => districtPoints.get(district.toUpperCase())?.length ?? 0,
    site: (code) => sites.get(code.toUpperCase()) ?? null,
  };
}
