/**
 * The gazetteer file written by `istv gazetteer build` and read by
 * `loadGazetteer`: one JSON document holding everything the geocoder knows.
 * Coordinates are WGS84 [longitude, latitude]. The LSOA of each postcode and
 * place is worked out from the file's own polygons when it is built and stored
 * beside the point (its ward and borough come from that LSOA's record), so
 * loading a region of 180,000 postcodes does no point-in-polygon work; a file
 * without them (built by an earlier istv) has them worked out at load.
 */
import type { MultiPolygon, Polygon } from 'geojson';

export const GAZETTEER_FORMAT = 'istv-gazetteer';
export const GAZETTEER_FORMAT_VERSION = 1;

/** A point outside every LSOA by up to this much takes the nearest: the boundaries are generalised to 20 m, so a premises a few metres into a sliver still has an LSOA. */
export const LSOA_TOLERANCE_METRES = 25;

export interface LsoaRecord {
  code: string;
  name: string;
  /** "2011" or "2021", read from the property names (LSOA11CD / LSOA21CD). */
  vintage: string;
  wardCode: string | null;
  wardName: string | null;
  ladCode: string | null;
  ladName: string | null;
  /** Residents: from a --population file when one was given, else the boundaries' 2011 Census USUALRES when they carry it. */
  population: number | null;
  geometry: Polygon | MultiPolygon;
}

/** [postcode in "AB1 2CD" form, longitude, latitude] — tuples keep a 10,000-postcode file small. */
export type PostcodePoint = [string, number, number];

/** A postcode as the file stores it: its point, then the code of the LSOA it lies in (null outside every LSOA), placed at build. */
export type PostcodeRecord = PostcodePoint | [string, number, number, string | null];

export const PLACE_KINDS = ['premises', 'landmark', 'street', 'area'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface PlaceRecord {
  /** Stable id: the source's own id when it has one, else derived from source and position. */
  id: string;
  kind: PlaceKind;
  name: string;
  /**
   * What it is within its kind: premises `pub_bar_nightclub`, `takeaway`,
   * `restaurant_cafe`, `retail_other`, `supermarket`, `hotel`, `licensed`;
   * landmarks `station`, `bus_station`, `bus_stop`, `school`, `park`, `taxi`,
   * `other`; areas `town`, `suburb`, `locality`, `estate`; streets `road`.
   */
  category: string;
  longitude: number;
  latitude: number;
  /** Other names it goes by (e.g. an OSM `brand` such as "Wetherspoon"). */
  aliases?: string[];
  /** Street of the premises' address, when known: settles chains ("McDonald's High Road"). */
  street?: string;
  postcode?: string;
  /** A premises' type as its source writes it: the FSA business type ("Pub/bar/nightclub"), the OSM amenity ("pub"), the register's licence type. */
  type?: string;
  /** A premises' full address as its source gives it (house number, street, town), for reports. */
  address?: string;
  /** From a premises-licence register: the licence number and the licensed hours as the register words them. */
  licenceNumber?: string;
  licensedHours?: string;
  /** Postcode districts the place lies in or along ("N17"); settles same-named streets. */
  districts?: string[];
  /** Bounding box [west, south, east, north] of a street's extent, when known. */
  bbox?: [number, number, number, number];
  /** A street's centre line(s), when the source had line geometry (junctions use it). */
  lines?: Array<Array<[number, number]>>;
  /**
   * Points known to lie on a street without line geometry: its addresses' postcodes,
   * premises addressed to it, bus stops and police.uk map points named after it
   * (gazetteer/street-points.ts). Junctions and same-road joining measure between them.
   */
  points?: Array<[number, number]>;
  /** Which input file (base name) it came from. */
  source: string;
  /** Code of the LSOA the point lies in (null outside every LSOA), placed at build; absent in files of an earlier istv. */
  lsoa?: string | null;
}

export interface SiteRecord {
  code: string;
  name: string;
  longitude: number;
  latitude: number;
  /** LAD code or name of the borough the site mainly serves, if the sites file says. */
  borough: string | null;
}

export interface GazetteerSource {
  /** `address_sites`: shopping centres, markets and the like named in the addresses of a premises file (address-sites.ts); `file` is that premises file. */
  role: 'lsoa' | 'population' | 'postcodes' | 'premises' | 'streets' | 'landmarks' | 'areas' | 'open_names' | 'police_streets' | 'address_sites' | 'sites' | 'aliases';
  /** Base name of the file, never a path of the machine that built it. */
  file: string;
  format: string;
  records: number;
  skipped: number;
  /** The attribution statement the file declares about itself, or that its publisher's features show (src/geocode/gazetteer/provenance.ts). */
  attribution?: string;
  /** The licence the file declares. */
  licence?: string;
}

export interface GazetteerFile {
  format: typeof GAZETTEER_FORMAT;
  formatVersion: typeof GAZETTEER_FORMAT_VERSION;
  /** SHA-256 (first 16 hex digits) of the content below: stored with every geocode result. */
  version: string;
  sources: GazetteerSource[];
  lsoas: LsoaRecord[];
  postcodes: PostcodeRecord[];
  places: PlaceRecord[];
  sites: SiteRecord[];
}
