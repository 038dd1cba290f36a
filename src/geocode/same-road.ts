/**
 * One road stored as several street records: a long road's sampled addresses
 * fall into several clusters (gaps between premises, or records kept per LSOA),
 * so "heathway" finds two records of the one Heathway. UK addressing keeps a
 * street name unique within a postcode district, so two same-named street
 * records whose own district (the district of the record's point) is the same
 * are one road. Records in different districts stay apart: Haringey's High Road
 * in N17 and in N22 are two roads, as are Park Road N8 and Park Road N10.
 */
import type { Gazetteer, LocatedPlace } from './gazetteer/load.ts';
import { metresBetween } from '../lib/distance.ts';

export type OneRoad = (a: LocatedPlace, b: LocatedPlace) => boolean;

export function createOneRoad(gazetteer: Pick<Gazetteer, 'districtPoint'>): OneRoad {
  const ownDistricts = new Map<string, string | null>();
  /** A record listing several districts (it runs along their edge) is in the one whose centre its point is nearest. */
  const ownDistrict = (place: LocatedPlace): string | null => {
    if (ownDistricts.has(place.id)) return ownDistricts.get(place.id)!;
    let best: string | null = null;
    if (place.districts?.length === 1) best = place.districts[0]!;
    else if (place.districts && place.districts.length > 1) {
      let bestDistance = Infinity;
      for (const district of place.districts) {
        const centre = gazetteer.districtPoint(district);
        const distance = centre ? metresBetween(centre, [place.longitude, place.latitude]) : Infinity;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = district;
        }
      }
    }
    ownDistricts.set(place.id, best);
    return best;
  };
  return (a, b) => {
    if (a.kind !== 'street' || b.kind !== 'street' || a.name.toLowerCase() !== b.name.toLowerCase()) return false;
    const district = ownDistrict(a);
    return district !== null && district === ownDistrict(b);
  };
}
