/**
 * Candidate resolution: narrows the places one name in the text may stand for
 * with what else the text says (a postcode district "N17", a sector, an area
 * "wood grn", a street beside a premises), then by the borough of the ED that
 * sent the row. When that does not leave one place (or one cluster of records
 * of the same place) the name is `ambiguous`, with the competing places.
 */
import type { Gazetteer, LocatedPlace } from './gazetteer/load.ts';
import type { KeyStrength } from './place-index.ts';
import { clusterCandidates, describe, representative, type Candidate } from './candidates.ts';
import type { Mention } from './mentions.ts';
import { createOneRoad } from './same-road.ts';
import { metresBetweenPlaces, metresToPlace } from './place-distance.ts';
import { createLocalities, nameWords, type Localities } from './localities.ts';

export { nameWords } from './localities.ts';

/** What the rest of the text (and the row's ED) says about where a name is. */
export interface Context {
  districts: string[];
  sector: { longitude: number; latitude: number } | null;
  areaPoints: Array<[number, number]>;
  /** The names of those areas, normalised ("wood green"): a place in a ward of that name is in the area. */
  areaNames: string[];
  /**
   * Other words of the text that register addresses use for where premises are
   * ("chadwell heath", "hollywood green"), `nameWords` form: they locate a chain
   * as an area's name does (localities.ts).
   */
  localities: string[];
  streets: Candidate[];
  siteLad: string | null;
}

export type Resolved = { status: 'resolved'; place: LocatedPlace; strength: KeyStrength; bySite: boolean; byContext: boolean };
export type Resolution = Resolved | { status: 'ambiguous'; candidates: string[] } | { status: 'none' };

/** A named area settles a place within this distance of the area's point. */
export const AREA_RADIUS_METRES = 1500;
/** A place this close to an area's point is in the area, whatever the area's extent. */
const AREA_CORE_METRES = 800;
/** A street named beside a premises settles it within this distance. */
const STREET_RADIUS_METRES = 400;

export type Resolve = (mention: Mention, context: Context, kinds: ReadonlySet<LocatedPlace['kind']>) => Resolution;

export function createResolver(gazetteer: Pick<Gazetteer, 'districtPoint' | 'lsoas' | 'places'>, localities: Localities = createLocalities(gazetteer.places)): Resolve {
  const wardNames = new Map<string, string>();
  for (const lsoa of gazetteer.lsoas) if (lsoa.wardCode && lsoa.wardName) wardNames.set(lsoa.wardCode, nameWords(lsoa.wardName));
  /** Names of the area's districts and wards: the words an address uses to say where it is. */
  const localityNames = [...new Set([...gazetteer.places.filter((p) => p.kind === 'area').map((p) => nameWords(p.name)), ...wardNames.values()])].filter((n) => n.trim() !== '');
  const areaPlaceNames = [...new Set(gazetteer.places.filter((p) => p.kind === 'area').map((p) => nameWords(p.name)))].filter((n) => n.trim() !== '');
  /**
   * An address that names some other locality, and not the one the text names, says the
   * branch is elsewhere: its town (localities.ts), or another area in it at all ("West Green
   * Road" runs through West Green). A ward's name in a street's is no such evidence
   * ("Whalebone Lane South" is not only in Whalebone ward).
   */
  const addressedElsewhere = (place: LocatedPlace, areaNames: readonly string[], others: readonly string[] = localityNames): boolean => {
    if (!place.address) return false;
    const address = nameWords(place.address);
    return !areaNames.some((area) => address.includes(area)) && others.some((name) => address.includes(name) && !areaNames.some((area) => name.includes(area) || area.includes(name)));
  };
  /** "Tottenham" names the wards Tottenham Hale and South Tottenham; a ward's name is the council's own word for where a place is. */
  const inNamedWard = (place: LocatedPlace, areaNames: readonly string[]): boolean => {
    const ward = place.wardCode ? wardNames.get(place.wardCode) : undefined;
    return ward !== undefined && areaNames.some((area) => area.trim() !== '' && ward.includes(area));
  };
  /**
   * "mcdonalds tottenham": a branch whose own address names the area is in it, as its
   * register writes it ("Williamson Road, Tottenham"), however far it is from the
   * area's point; so two such branches leave the name ambiguous.
   */
  const addressNames = (place: LocatedPlace, areaNames: readonly string[]): boolean => {
    if (!place.address) return false;
    const address = nameWords(place.address);
    return areaNames.some((area) => area.trim() !== '' && address.includes(area));
  };
  const oneRoad = createOneRoad(gazetteer);
  return function resolve(mention, context, kinds) {
    let candidates = mention.candidates.filter((c) => kinds.has(c.place.kind));
    if (candidates.length === 0) return { status: 'none' };
    const strength = candidates.some((c) => c.strength === 'name') ? 'name' : (candidates[0]!.strength);

    let byContext = false;
    const narrow = (keep: (c: Candidate) => boolean): void => {
      const kept = candidates.filter(keep);
      if (kept.length > 0 && kept.length < candidates.length) {
        candidates = kept;
        byContext = true;
      }
    };
    for (const district of context.districts) {
      const centre = gazetteer.districtPoint(district);
      narrow((c) =>
        c.place.districts ? c.place.districts.includes(district) : centre !== null && metresToPlace(centre, c.place) <= AREA_RADIUS_METRES,
      );
    }
    // The same for a district no branch is in ("greggs n10" when the Greggs are in N15 and N22).
    if (context.districts.length > 0 && candidates.every((c) => c.place.kind === 'premises' && c.place.districts !== undefined) && !candidates.some((c) => context.districts.some((d) => c.place.districts!.includes(d)))) return { status: 'none' };
    if (context.sector) {
      const point: [number, number] = [context.sector.longitude, context.sector.latitude];
      narrow((c) => metresToPlace(point, c.place) <= AREA_RADIUS_METRES / 2);
    }
    const names = [...new Set([...context.areaNames, ...context.localities])];
    if (context.areaPoints.length > 0 || names.length > 0) {
      const distance = (c: Candidate): number => Math.min(Infinity, ...context.areaPoints.map((point) => metresToPlace(point, c.place)));
      // The register says the branch is elsewhere when its town is another ("Merrielands
      // Crescent, Dagenham" for "barking") or its address names another area of the gazetteer
      // ("West Green Road" for "tottenham hale").
      const elsewhere = (c: Candidate): boolean => {
        const town = localities.namesOther(c.place, names);
        return town === null ? addressedElsewhere(c.place, names) : town || addressedElsewhere(c.place, names, areaPlaceNames);
      };
      // "greggs wood green": the branches in Wood Green. A branch is in it when its address
      // names it (even in a street's name: "Dagenham Road" may be in Dagenham), when it is
      // close to the area's point, when it is in a ward of its name (the council's own word,
      // whatever town the register gives: "asda barking" may mean the one in Barking Riverside
      // ward addressed to Dagenham), or, unless the register says it is elsewhere, within the
      // radius or beside premises the register addresses to the area (localities.ts).
      // One there settles the name; two there is ambiguous: which is nearer the centre is
      // no evidence of which one the patient meant.
      // (Streets have extents, measured to their nearest point: the radius alone settles them.)
      if (candidates.every((c) => c.place.kind !== 'street') && clusterCandidates(candidates).length > 1) {
        const inArea = (c: Candidate): boolean =>
          addressNames(c.place, names) || distance(c) <= AREA_CORE_METRES || inNamedWard(c.place, names) || (!elsewhere(c) && (distance(c) <= AREA_RADIUS_METRES || localities.within(c.place, names)));
        const there = clusterCandidates(candidates.filter(inArea));
        if (there.length > 1) return { status: 'ambiguous', candidates: there.map((cluster) => describe(representative(cluster).place)) };
        if (there.length === 1) narrow((c) => there[0]!.includes(c));
        else {
          // None clearly in it: an area has no edge in the data, so a branch inside the radius
          // settles the name only when no other lies not far beyond it.
          const inside = candidates.filter((c) => distance(c) <= AREA_RADIUS_METRES);
          const nearOutside = candidates.some((c) => distance(c) > AREA_RADIUS_METRES && distance(c) <= 2 * AREA_RADIUS_METRES);
          if (inside.length > 0 && nearOutside) return { status: 'ambiguous', candidates: clusterCandidates(candidates).map((cluster) => describe(representative(cluster).place)) };
        }
      }
      narrow((c) => distance(c) <= AREA_RADIUS_METRES);
      // "starbucks wood green" when no Starbucks is near Wood Green: a branch we do not know,
      // not one across the borough.
      const nearArea = (c: Candidate): boolean => distance(c) <= AREA_RADIUS_METRES || inNamedWard(c.place, names) || addressNames(c.place, names) || localities.within(c.place, names);
      if (candidates.every((c) => c.place.kind === 'premises') && !candidates.some(nearArea)) return { status: 'none' };
    }
    const streets = context.streets.filter((s) => !mention.candidates.includes(s));
    if (streets.length > 0 && candidates.some((c) => c.place.kind !== 'street')) {
      // The premises' own address first ("costa Williamson rd"), then nearness to the street.
      const streetKeys = new Set(streets.map((s) => s.place.name.toLowerCase()));
      narrow((c) => c.place.street !== undefined && streetKeys.has(c.place.street.toLowerCase()));
      narrow((c) => streets.some((s) => metresBetweenPlaces(s.place, c.place) <= STREET_RADIUS_METRES));
    }

    let clusters = clusterCandidates(candidates, oneRoad);
    let bySite = false;
    if (clusters.length > 1 && context.siteLad) {
      const inBorough = clusters.filter((cluster) => cluster.some((c) => c.place.ladCode === context.siteLad));
      if (inBorough.length >= 1 && inBorough.length < clusters.length) {
        clusters = inBorough;
        bySite = true;
      }
    }
    if (clusters.length !== 1) return { status: 'ambiguous', candidates: clusters.map((cluster) => describe(representative(cluster).place)) };
    const chosen = representative(clusters[0]!);
    // Street names repeat all over London and our street list is never complete: a
    // street found only in another borough than the ED's is as likely another street.
    // So do shops: a premises found only in the other borough, with nothing in the text to
    // say so, is as likely a branch or namesake near the ED that the data does not hold.
    if ((chosen.place.kind === 'street' || chosen.place.kind === 'premises') && context.siteLad && chosen.place.ladCode && chosen.place.ladCode !== context.siteLad && !byContext) return { status: 'ambiguous', candidates: [describe(chosen.place)] };
    return { status: 'resolved', place: chosen.place, strength: chosen.strength === 'weak' ? 'weak' : strength, bySite, byContext };
  };
}
