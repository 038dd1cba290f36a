/**
 * The gazetteer inputs found in the shared open-data folder (../shared/data
 * beside the repository): used by the evaluation, the benchmark and the tests,
 * so that all three measure the same gazetteer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../lib/package-root.ts';
import type { GazetteerBuildInputs } from '../gazetteer/build.ts';

export const REPO_ROOT = packageRoot();

/** Where the shared data lives relative to the repository; null when this machine does not have it. */
export function sharedDataDir(): string | null {
  const dir = path.resolve(REPO_ROOT, '..', 'shared', 'data');
  return existsSync(dir) ? dir : null;
}

export const SHARED_BOROUGHS = ['haringey', 'barking_and_dagenham'] as const;

/** Build inputs for both boroughs with 2021 LSOAs; sites from the evaluation's sites file. */
export function sharedDataInputs(dataDir: string): GazetteerBuildInputs {
  const files = (name: string): string[] => SHARED_BOROUGHS.map((borough) => path.join(dataDir, borough, name));
  return {
    lsoa: files('lsoa_2021.geojson'),
    postcodes: files('postcodes.csv'),
    premises: [...files('licensed_premises_osm_pubs.geojson'), ...files('food_drink_premises_fhrs_2020.geojson')],
    // FHRS-derived streets first; bus stops named after streets fill the gaps.
    streets: [...files('streets_fhrs_derived.geojson'), ...files('bus_stops_tfl_2021.geojson')],
    landmarks: [...files('landmarks_osm_2019.geojson'), ...files('landmarks_schools_parks_ogl.geojson')],
    // police.uk map points name the small streets no premises register reaches.
    policeStreets: files('police_uk_street_crime_burglary_only_2024-03_2025-02.csv'),
    sites: [path.join(REPO_ROOT, 'src', 'geocode', 'evaluation', 'sets', 'sites.csv')],
    // The two boroughs' own nicknames for their places: area data, not language.
    aliases: [path.join(REPO_ROOT, 'src', 'geocode', 'evaluation', 'sets', 'aliases.csv')],
  };
}
