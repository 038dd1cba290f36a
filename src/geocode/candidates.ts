/**
 * The places a name in the text may stand for, and how they are grouped: records
 * of one place (an OSM pub and its FSA entry) cluster together; distinct places
 * stay apart, and more than one cluster left at the end is an ambiguous answer.
 */
import type { LocatedPlace } from './gazetteer/load.ts';
import type { KeyStrength } from './place-index.ts';
import { metresBetweenPlaces } from './place-distance.ts';
import type { OneRoad } from './same-road.ts';

export interface Candidate {
  place: LocatedPlace;
  strength: KeyStrength;
}

/** Records of the same place from several sources (an OSM pub and its FSA entry) lie within this distance. */
export const SAME_PLACE_METRES = 300;

const KIND_ORDER: Record<LocatedPlace['kind'], number> = { premises: 0, landmark: 1, street: 2, area: 3 };
/** A stop named after a landmark is a record of less: it ranks below every other kind of landmark. */
const rankOf = (place: LocatedPlace): number => KIND_ORDER[place.kind] + (place.category === 'bus_stop' ? 0.5 : 0);

/** An address as words, for comparing two register entries: "Unit 2, 180 High Rd" and "unit 2 180 high rd" are one address. */
const addressWords = (address: string): string => address.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Two entries of one register at different addresses are two premises, however close:
 * two Subways in one shopping centre are two branches, and a text naming the centre has
 * not chosen one. (A register's second entry at the same address, "Tesco" and "Tesco
 * Staff Canteen", is the same place; entries of different sources are matched by distance.)
 */
export function distinctPremises(a: LocatedPlace, b: LocatedPlace): boolean {
  return a.kind === 'premises' && b.kind === 'premises' && a.source === b.source && a.address !== undefined && b.address !== undefined && addressWords(a.address) !== addressWords(b.address);
}

/**
 * Single-linkage clusters of candidates: records of one place stay together, distinct places split.
 * `oneRoad` (same-road.ts) also joins the records of one long road, however far apart.
 */
export function clusterCandidates(candidates: Candidate[], oneRoad?: OneRoad): Candidate[][] {
  const clusters: Candidate[][] = [];
  const together = (a: Candidate, b: Candidate): boolean => (metresBetweenPlaces(a.place, b.place) <= SAME_PLACE_METRES && !distinctPremises(a.place, b.place)) || (oneRoad?.(a.place, b.place) ?? false);
  for (const candidate of candidates) {
    const joined = clusters.filter((cluster) => cluster.some((other) => together(other, candidate)));
    if (joined.length === 0) clusters.push([candidate]);
    else {
      const merged = joined.flat();
      merged.push(candidate);
      for (const cluster of joined) clusters.splice(clusters.indexOf(cluster), 1);
      clusters.push(merged);
    }
  }
  return clusters;
}

export function representative(cluster: Candidate[]): Candidate {
  return [...cluster].sort(
    (a, b) =>
      rankOf(a.place) - rankOf(b.place) ||
      Number(a.strength === 'weak') - Number(b.strength === 'weak') ||
      (a.place.id < b.place.id ? -1 : 1),
  )[0]!;
}

/**
 * Weak keys ("Wood Green" for Wood Green Express Ltd, "Tottenham Hale" for the
 * station) give way when the same words fully name a place of another kind
 * (the district); they stay beside strong keys of their own kind and category,
 * so a chain ("Tesco", "Tesco Express") keeps all its branches.
 */
export function strongest(candidates: Candidate[]): Candidate[] {
  const strongTypes = new Set(candidates.filter((c) => c.strength !== 'weak').map((c) => `${c.place.kind}/${c.place.category}`));
  if (strongTypes.size === 0) return candidates;
  return candidates.filter((c) => c.strength !== 'weak' || strongTypes.has(`${c.place.kind}/${c.place.category}`));
}

/**
 * How an ambiguous answer names a competitor: "Costa Coffee (premises, E01002026)"; a
 * premises with its register address, since two branches of a chain can share an LSOA
 * ("Subway (premises, E01002026, 160 High Road, Wood Green)").
 */
export function describe(place: LocatedPlace): string {
  const address = place.kind === 'premises' && place.address ? `, ${place.address.replace(/,?\s*London$/i, '')}` : '';
  return `${place.name} (${place.kind}${place.lsoaCode ? `, ${place.lsoaCode}` : ''}${address})`;
}
