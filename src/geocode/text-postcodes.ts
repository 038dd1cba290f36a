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
  /** Token positions taken by a full postcode or a sector. */
  blocked: Set<number>;
}

export function findPostcodes(gazetteer: Pick<Gazetteer, 'lookupPostcode' | 'lookupSector' | 'districts'>, tokens: readonly string[]): TextPostcodes {
  const blocked = new Set<number>();
  let postcode: TextPostcodes['postcode'] = null;
  let sector: TextPostcodes['sector'] = null;
  const districts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (/^[a-z]{1,2}\d[a-z\d]?\d[a-z]{2}$/.test(token)) {
      const found = gazetteer.lookupPostcode(token);
      if (found) {
        postcode ??= found;
        blocked.add(i);
      }
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
    if (gazetteer.districts.has(token.toUpperCase())) districts.push(token.toUpperCase());
  }
  return { postcode, sector, districts, blocked };
}
