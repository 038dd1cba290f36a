/**
 * Postcodes in the text: a full postcode ("n17 6aa", "n176aa"), a sector
 * ("n17 6") and districts ("N17"), only when real (in the gazetteer), so that
 * "10 past 5" is not a postcode. Tokens of a full postcode or a sector are
 * blocked from the name search; a bare district is not, as it can be part of a
 * name ("N4 Cafe").
 */
import type { Gazetteer } from './gazetteer/load.ts';
import { normalisePostcode } from '../lib/postcode.ts';

export interface TextPostcodes {
  postcode: ReturnType<Gazetteer['lookupPostcode']>;
  sector: ReturnType<Gazetteer['lookupSector']>;
  districts: string[];
  /**
   * Districts of a postcode area the gazetteer covers that it has no postcode in
   * ("N1" beside a gazetteer of N15, N17, N22), or only a fringe of: the text puts
   * the place outside the area, unless the place named lies in that district by
   * its own record. A full postcode of such a district counts too. Fringe
   * districts are also in `districts`, to settle names by.
   */
  outsideDistricts: string[];
  /** Token positions taken by a full postcode or a sector. */
  blocked: Set<number>;
}

/** A district holding under this share of the median district's postcodes is on the area's fringe: most of it lies outside. */
const FRINGE_SHARE = 0.05;

/**
 * Districts of which the gazetteer holds only a sliver ("N18": two postcodes on the
 * boundary, against hundreds in each whole district): computed from the counts, so
 * it holds for any area.
 */
export function fringeDistricts(gazetteer: Pick<Gazetteer, 'districts' | 'districtPostcodes'>): ReadonlySet<string> {
  const counts = [...gazetteer.districts].map((district) => gazetteer.districtPostcodes(district)).sort((a, b) => a - b);
  const median = counts[Math.floor(counts.length / 2)] ?? 0;
  return new Set([...gazetteer.districts].filter((district) => gazetteer.districtPostcodes(district) < median * FRINGE_SHARE));
}

export type PostcodeFinder = (tokens: readonly string[]) => TextPostcodes;

/**
 * The postcodes of a text, read against one gazetteer. What depends on the
 * gazetteer alone (its fringe districts, its postcode areas) is worked out here,
 * once: every text asks, and doing it per text cut the geocoding rate six-fold.
 */
export function createPostcodeFinder(gazetteer: Pick<Gazetteer, 'lookupPostcode' | 'lookupSector' | 'districts' | 'districtPostcodes'>): PostcodeFinder {
  const fringe = fringeDistricts(gazetteer);
  const areas = new Set([...gazetteer.districts].map((district) => district.replace(/\d.*$/, '')));
  const outside = (district: string): boolean => !gazetteer.districts.has(district) && areas.has(district.replace(/\d.*$/, ''));
  return (tokens) => {
    const blocked = new Set<number>();
    let postcode: TextPostcodes['postcode'] = null;
    let sector: TextPostcodes['sector'] = null;
    const districts: string[] = [];
    const outsideDistricts: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const next = tokens[i + 1];
      if (/^[a-z]{1,2}\d[a-z\d]?\d[a-z]{2}$/.test(token)) {
        const found = gazetteer.lookupPostcode(token);
        if (found) {
          postcode ??= found;
          blocked.add(i);
        } else if (outside(token.slice(0, -3).toUpperCase())) outsideDistricts.push(token.slice(0, -3).toUpperCase());
        continue;
      }
      if (!/^[a-z]{1,2}\d[a-z\d]?$/.test(token)) continue;
      if (next && /^\d[a-z]{2}$/.test(next) && normalisePostcode(token + next)) {
        const found = gazetteer.lookupPostcode(token + next);
        if (found) {
          postcode ??= found;
          blocked.add(i).add(i + 1);
          i++;
          continue;
        }
      }
      if (next && /^\d$/.test(next)) {
        const found = gazetteer.lookupSector(`${token}${next}`);
        if (found) {
          sector ??= found;
          blocked.add(i).add(i + 1);
          districts.push(token.toUpperCase());
          i++;
          continue;
        }
      }
      if (gazetteer.districts.has(token.toUpperCase())) {
        districts.push(token.toUpperCase());
        if (fringe.has(token.toUpperCase())) outsideDistricts.push(token.toUpperCase());
      } else if (outside(token.toUpperCase())) outsideDistricts.push(token.toUpperCase());
    }
    return { postcode, sector, districts, outsideDistricts, blocked };
  };
}
