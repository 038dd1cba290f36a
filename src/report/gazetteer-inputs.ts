/**
 * What the packs take from the gazetteer: the LSOA polygons (for maps, names,
 * wards and populations), the licensed premises (for the licensing pack, with
 * the council's licence register when the config names one) and the
 * gazetteer's version and sources (for provenance). Read through
 * `loadGazetteer`, the geocode stage's public loader, so the report does not
 * depend on the file's layout.
 */
import { existsSync } from 'node:fs';
import type { PremisesPoint } from '../aggregate/premises.ts';
import type { ReportConfig } from '../config/report.ts';
import { loadGazetteer } from '../geocode/gazetteer/load.ts';
import { readLicenceRegister } from '../geocode/gazetteer/read-places.ts';
import type { GazetteerSource } from '../geocode/gazetteer/types.ts';
import { boundariesFromLsoaRecords, type LsoaBoundaries } from './area.ts';
import { licensedPremises } from './licensing/candidates.ts';
import type { MapPlace } from './licensing/premises-map.ts';

export interface GazetteerProvenance {
  version: string;
  sources: readonly GazetteerSource[];
  /** The licence register read at publication (file base name, rows read, rows skipped), when configured. */
  register: { file: string; records: number; skipped: number } | null;
}

export interface GazetteerInputs {
  lsoaBoundaries: LsoaBoundaries;
  premises: PremisesPoint[];
  /** Stations and streets, for the premises reports' maps. */
  mapPlaces: MapPlace[];
  provenance: GazetteerProvenance;
}

/** The gazetteer's LSOAs, licensed premises and provenance, or null when no gazetteer file is configured or it is not there yet. */
export function reportInputsFromGazetteer(file: string | undefined, licensing: ReportConfig['licensing']): GazetteerInputs | null {
  if (file === undefined || !existsSync(file)) return null;
  const gazetteer = loadGazetteer(file);
  const register = licensing.register === undefined ? null : readLicenceRegister(licensing.register, licensing.registerColumns, (postcode) => {
    const found = gazetteer.lookupPostcode(postcode);
    return found ? [found.longitude, found.latitude] : null;
  });
  return {
    lsoaBoundaries: boundariesFromLsoaRecords([...gazetteer.lsoas]),
    premises: licensedPremises(gazetteer.places, register?.records ?? [], licensing),
    mapPlaces: gazetteer.places.flatMap((place): MapPlace[] => {
      const kind = place.kind === 'street' ? 'street' : place.kind === 'landmark' && /station/.test(place.category) ? 'station' : null;
      return kind ? [{ name: place.name, kind, longitude: place.longitude, latitude: place.latitude }] : [];
    }),
    provenance: {
      version: gazetteer.version,
      sources: gazetteer.sources,
      register: register && licensing.register ? { file: licensing.register.split(/[\\/]/).pop()!, records: register.records.length, skipped: register.skipped } : null,
    },
  };
}
