/**
 * Which borough each ED serves: same-named places are settled by the borough of
 * the ED that sent the row.
 */
import type { Gazetteer } from './gazetteer/load.ts';
import type { SiteRecord } from './gazetteer/types.ts';
import { metresBetween } from '../lib/distance.ts';

export interface GeocoderSite {
  code: string;
  longitude: number;
  latitude: number;
  /** LAD code or name; when absent, the LAD of the LSOA nearest the site. */
  borough?: string | null;
}

/** Site code → LAD code: the site's stated borough (code or name), else the LAD of the LSOA nearest the site. */
export function siteBoroughs(gazetteer: Gazetteer, extra: readonly GeocoderSite[]): Map<string, string> {
  const byCode = new Map<string, GeocoderSite>();
  for (const site of gazetteer.sites as readonly SiteRecord[]) byCode.set(site.code.toUpperCase(), site);
  for (const site of extra) byCode.set(site.code.toUpperCase(), site);
  const lads = new Map<string, string>();
  for (const lsoa of gazetteer.lsoas) {
    if (lsoa.ladCode) {
      lads.set(lsoa.ladCode.toLowerCase(), lsoa.ladCode);
      if (lsoa.ladName) lads.set(lsoa.ladName.toLowerCase(), lsoa.ladCode);
    }
  }
  const result = new Map<string, string>();
  for (const [code, site] of byCode) {
    const stated = site.borough ? lads.get(site.borough.toLowerCase()) : undefined;
    const lad = stated ?? gazetteer.lsoaAt(site.longitude, site.latitude)?.ladCode ?? nearestLad(gazetteer, site);
    if (lad) result.set(code, lad);
  }
  return result;
}

function nearestLad(gazetteer: Gazetteer, site: GeocoderSite): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const lsoa of gazetteer.lsoas) {
    const ring = lsoa.geometry.type === 'Polygon' ? lsoa.geometry.coordinates[0] : lsoa.geometry.coordinates[0]?.[0];
    for (const position of ring ?? []) {
      const distance = metresBetween([site.longitude, site.latitude], [position[0]!, position[1]!]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = lsoa.ladCode;
      }
    }
  }
  return best;
}
