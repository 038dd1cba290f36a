/**
 * The geocode stage's public API: build and load a gazetteer, geocode free
 * text, look up postcodes (the de-identify stage derives residence LSOA with
 * `gazetteer.lookupPostcode`), and geocode a CSV for analysts.
 */
export { buildGazetteer, writeGazetteer, type GazetteerBuildInputs } from './gazetteer/build.ts';
export { loadGazetteer, createGazetteer, type Gazetteer, type LocatedPlace, type PostcodeLookup, type SectorLookup } from './gazetteer/load.ts';
export type { GazetteerFile, LsoaRecord, PlaceRecord, SiteRecord } from './gazetteer/types.ts';
export { createGeocoder, type GeocoderOptions, type GeocoderSite } from './geocoder.ts';
export { createLsoaIndex, type LsoaIndex } from './lsoa-index.ts';
export { gridToWgs84, wgs84ToGrid } from './british-national-grid.ts';
export { normalisePostcode, postcodeSector, postcodeDistrict } from '../lib/postcode.ts';
export * from './types.ts';
