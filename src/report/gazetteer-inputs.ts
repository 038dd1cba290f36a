/**
 * What the packs take from the gazetteer: the LSOA polygons (for maps, names,
 * wards and populations) and the premises (for the licensing pack). Read
 * through `loadGazetteer`, the geocode stage's public loader, so the report
 * does not depend on the file's layout.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { GazetteerSource } from '../geocode/gazetteer/types.ts';
import type { PremisesPoint } from '../aggregate/premises.ts';
import { loadGazetteer } from '../geocode/gazetteer/load.ts';
import { boundariesFromLsoaRecords, type LsoaBoundaries } from './area.ts';

export interface GazetteerInputs {
  lsoaBoundaries: LsoaBoundaries;
  premises: PremisesPoint[];
  /** The gazetteer's input files with their formats and terms, for the packs' attribution. */
  sources: GazetteerSource[];
}

/** Only the gazetteer's sources (for attribution when boundaries and premises come from elsewhere); empty when there is no gazetteer. */
export function gazetteerSources(file: string | undefined): GazetteerSource[] {
  if (file === undefined || !existsSync(file)) return [];
  const document = JSON.parse(readFileSync(file, 'utf8')) as { sources?: unknown };
  return Array.isArray(document.sources) ? (document.sources as GazetteerSource[]) : [];
}

/** The gazetteer's LSOAs and premises, or null when no gazetteer file is configured or it is not there yet. */
export function reportInputsFromGazetteer(file: string | undefined): GazetteerInputs | null {
  if (file === undefined || !existsSync(file)) return null;
  const gazetteer = loadGazetteer(file);
  return {
    lsoaBoundaries: boundariesFromLsoaRecords([...gazetteer.lsoas]),
    sources: [...gazetteer.sources],
    premises: gazetteer.places
      .filter((place) => place.kind === 'premises')
      .map((place) => ({ id: place.id, name: place.name, longitude: place.longitude, latitude: place.latitude })),
  };
}
