/**
 * Builds, once per run, what the row-by-row stages need: the pseudonym key, the
 * de-identifier and the geocoder with its gazetteer. Loading the gazetteer is
 * the slow part, so a long-running scheduler keeps it while the file is unchanged.
 */
import { statSync } from 'node:fs';
import { ConfigError } from '../config/load.ts';
import { loadPseudonymKey } from '../deidentify/pseudonym-key.ts';
import type { PlaceVocabularyInput } from '../deidentify/vocabulary.ts';
import { withCoordinates } from '../geocode/coordinates.ts';
import { createGeocoder } from '../geocode/geocoder.ts';
import { loadGazetteer } from '../geocode/gazetteer/load.ts';
import type { PipelineContext } from './context.ts';
import { memoiseGeocoder } from './memoised-geocoder.ts';
import { createDeidentifierFromSetup, type DeidentifierSetup } from './prepare-rows.ts';
import type { IngestStages } from './ingest-file.ts';

type LoadedGazetteer = ReturnType<typeof loadGazetteer>;

let cachedGazetteer: { file: string; mtimeMs: number; gazetteer: LoadedGazetteer } | null = null;

export function loadConfiguredGazetteer(context: PipelineContext): LoadedGazetteer {
  const file = context.config.gazetteer;
  if (!file) throw new Error('The config names no gazetteer: build one with `istv gazetteer build` and set "gazetteer" in the config');
  let mtimeMs: number;
  let gazetteer: LoadedGazetteer;
  try {
    mtimeMs = statSync(file).mtimeMs;
    if (cachedGazetteer && cachedGazetteer.file === file && cachedGazetteer.mtimeMs === mtimeMs) return cachedGazetteer.gazetteer;
    gazetteer = loadGazetteer(file);
  } catch (error) {
    // A gazetteer that does not load is a fault of the config (exit 3), not of the run.
    throw new ConfigError(context.config.configFile ?? '(inline config)', [`gazetteer: ${(error as Error).message}`]);
  }
  cachedGazetteer = { file, mtimeMs, gazetteer };
  return gazetteer;
}

/**
 * What free text may keep of places, from the gazetteer, as plain strings: the
 * de-identify stage comes before geocoding and may not reach into it, and the
 * worker thread receives this by copy.
 */
export function placeVocabularyInput(gazetteer: LoadedGazetteer): PlaceVocabularyInput {
  const names = new Set<string>();
  for (const place of gazetteer.places) {
    names.add(place.name);
    for (const alias of place.aliases ?? []) names.add(alias);
    if (place.street) names.add(place.street);
  }
  for (const lsoa of gazetteer.lsoas) {
    if (lsoa.wardName) names.add(lsoa.wardName);
    if (lsoa.ladName) names.add(lsoa.ladName);
  }
  return { placeNames: [...names], districts: [...gazetteer.districts] };
}

export function buildIngestStages(context: PipelineContext): IngestStages {
  const gazetteer = loadConfiguredGazetteer(context);
  const key = loadPseudonymKey({ keyFile: context.config.deidentify.pseudonymKeyFile ?? null, env: process.env });
  if (key.warning) context.logger.warn(key.warning);
  const deidentifierSetup: DeidentifierSetup = {
    sites: context.config.sites.map(({ code, hospitalNumberPattern, codeMappings }) => ({ code, hospitalNumberPattern, weaponCodes: Object.keys(codeMappings.weapon) })),
    places: placeVocabularyInput(gazetteer),
    pseudonymKey: key.key,
    residenceLsoaByPostcode: gazetteer.lsoaByPostcode(),
  };
  const deidentifier = createDeidentifierFromSetup(deidentifierSetup);
  // Recorded coordinates are tried first, outside the memo (whose keys are the text).
  const geocoder = withCoordinates(memoiseGeocoder(createGeocoder(gazetteer, { sites: context.config.sites })), gazetteer);
  return { deidentifier, deidentifierSetup, geocoder };
}
