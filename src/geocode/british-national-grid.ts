/**
 * British National Grid (OSGB36 / EPSG:27700) easting and northing to WGS84
 * longitude and latitude, and back. Open data from Ordnance Survey (Code-Point
 * Open, Open Names) and ONS (ONSPD) gives grid references; everything in the
 * gazetteer is WGS84.
 *
 * Transverse Mercator on the Airy 1830 ellipsoid, then a 7-parameter Helmert
 * shift from OSGB36 to WGS84. OS gives the Helmert error as up to about 3.5 m,
 * which is far inside the 20 m generalisation of the LSOA boundaries we test
 * points against; OSTN15 would be exact but is a 15 MB grid we do not need.
 */

interface Ellipsoid {
  a: number;
  b: number;
}

const AIRY_1830: Ellipsoid = { a: 6377563.396, b: 6356256.909 };
const WGS84: Ellipsoid = { a: 6378137, b: 6356752.3142 };

// National Grid projection constants.
const SCALE_AT_ORIGIN = 0.9996012717;
const ORIGIN_LATITUDE = (49 * Math.PI) / 180;
const ORIGIN_LONGITUDE = (-2 * Math.PI) / 180;
const FALSE_EASTING = 400000;
const FALSE_NORTHING = -100000;

/** WGS84 → OSGB36 Helmert parameters (metres, ppm, arc-seconds); the reverse shift negates them. */
const WGS84_TO_OSGB36 = { tx: -446.448, ty: 125.157, tz: -542.06, scalePpm: 20.4894, rx: -0.1502, ry: -0.247, rz: -0.8421 };

const ARC_SECONDS = Math.PI / (180 * 3600);

function meridionalArc(latitude: number, ellipsoid: Ellipsoid): number {
  const { a, b } = ellipsoid;
  const n = (a - b) / (a + b);
  const n2 = n * n;
  const n3 = n2 * n;
  const dLat = latitude - ORIGIN_LATITUDE;
  const sLat = latitude + ORIGIN_LATITUDE;
  return (
    b *
    SCALE_AT_ORIGIN *
    ((1 + n + (5 / 4) * n2 + (5 / 4) * n3) * dLat -
      (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(dLat) * Math.cos(sLat) +
      ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * dLat) * Math.cos(2 * sLat) -
      (35 / 24) * n3 * Math.sin(3 * dLat) * Math.cos(3 * sLat))
  );
}

/** Grid reference → OSGB36 geodetic latitude/longitude in radians (OS "A guide to coordinate systems", C.2). */
function gridToOsgb36(easting: number, northing: number): { latitude: number; longitude: number } {
  const { a, b } = AIRY_1830;
  const e2 = 1 - (b * b) / (a * a);
  let latitude = ORIGIN_LATITUDE;
  let arc = 0;
  do {
    latitude = (northing - FALSE_NORTHING - arc) / (a * SCALE_AT_ORIGIN) + latitude;
    arc = meridionalArc(latitude, AIRY_1830);
  } while (Math.abs(northing - FALSE_NORTHING - arc) >= 0.00001);

  const sinLat = Math.sin(latitude);
  const cosLat = Math.cos(latitude);
  const tanLat = Math.tan(latitude);
  const nu = (a * SCALE_AT_ORIGIN) / Math.sqrt(1 - e2 * sinLat * sinLat);
  const rho = (a * SCALE_AT_ORIGIN * (1 - e2)) / Math.pow(1 - e2 * sinLat * sinLat, 1.5);
  const eta2 = nu / rho - 1;
  const tan2 = tanLat * tanLat;
  const tan4 = tan2 * tan2;
  const secLat = 1 / cosLat;

  const VII = tanLat / (2 * rho * nu);
  const VIII = (tanLat / (24 * rho * nu ** 3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2);
  const IX = (tanLat / (720 * rho * nu ** 5)) * (61 + 90 * tan2 + 45 * tan4);
  const X = secLat / nu;
  const XI = (secLat / (6 * nu ** 3)) * (nu / rho + 2 * tan2);
  const XII = (secLat / (120 * nu ** 5)) * (5 + 28 * tan2 + 24 * tan4);
  const XIIA = (secLat / (5040 * nu ** 7)) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan4 * tan2);

  const dE = easting - FALSE_EASTING;
  return {
    latitude: latitude - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6,
    longitude: ORIGIN_LONGITUDE + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7,
  };
}

/** OSGB36 latitude/longitude (radians) → grid reference (OS guide, C.1). */
function osgb36ToGrid(latitude: number, longitude: number): { easting: number; northing: number } {
  const { a, b } = AIRY_1830;
  const e2 = 1 - (b * b) / (a * a);
  const sinLat = Math.sin(latitude);
  const cosLat = Math.cos(latitude);
  const tan2 = Math.tan(latitude) ** 2;
  const nu = (a * SCALE_AT_ORIGIN) / Math.sqrt(1 - e2 * sinLat * sinLat);
  const rho = (a * SCALE_AT_ORIGIN * (1 - e2)) / Math.pow(1 - e2 * sinLat * sinLat, 1.5);
  const eta2 = nu / rho - 1;
  const arc = meridionalArc(latitude, AIRY_1830);

  const I = arc + FALSE_NORTHING;
  const II = (nu / 2) * sinLat * cosLat;
  const III = (nu / 24) * sinLat * cosLat ** 3 * (5 - tan2 + 9 * eta2);
  const IIIA = (nu / 720) * sinLat * cosLat ** 5 * (61 - 58 * tan2 + tan2 * tan2);
  const IV = nu * cosLat;
  const V = (nu / 6) * cosLat ** 3 * (nu / rho - tan2);
  const VI = (nu / 120) * cosLat ** 5 * (5 - 18 * tan2 + tan2 * tan2 + 14 * eta2 - 58 * tan2 * eta2);
  const dL = longitude - ORIGIN_LONGITUDE;
  return {
    northing: I + II * dL ** 2 + III * dL ** 4 + IIIA * dL ** 6,
    easting: FALSE_EASTING + IV * dL + V * dL ** 3 + VI * dL ** 5,
  };
}

/** Geodetic (radians, ellipsoidal height 0) → geocentric, Helmert shift, → geodetic on the other ellipsoid. */
function helmert(latitude: number, longitude: number, from: Ellipsoid, to: Ellipsoid, direction: 1 | -1): { latitude: number; longitude: number } {
  const e2From = 1 - (from.b * from.b) / (from.a * from.a);
  const nu = from.a / Math.sqrt(1 - e2From * Math.sin(latitude) ** 2);
  const x1 = nu * Math.cos(latitude) * Math.cos(longitude);
  const y1 = nu * Math.cos(latitude) * Math.sin(longitude);
  const z1 = nu * (1 - e2From) * Math.sin(latitude);

  const p = WGS84_TO_OSGB36;
  const tx = direction * p.tx;
  const ty = direction * p.ty;
  const tz = direction * p.tz;
  const s = (direction * p.scalePpm) / 1e6;
  const rx = direction * p.rx * ARC_SECONDS;
  const ry = direction * p.ry * ARC_SECONDS;
  const rz = direction * p.rz * ARC_SECONDS;
  const x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1;
  const y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1;
  const z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1;

  const e2To = 1 - (to.b * to.b) / (to.a * to.a);
  const pDistance = Math.sqrt(x2 * x2 + y2 * y2);
  let lat = Math.atan2(z2, pDistance * (1 - e2To));
  for (let i = 0; i < 10; i++) {
    const nuTo = to.a / Math.sqrt(1 - e2To * Math.sin(lat) ** 2);
    lat = Math.atan2(z2 + e2To * nuTo * Math.sin(lat), pDistance);
  }
  return { latitude: lat, longitude: Math.atan2(y2, x2) };
}

/** British National Grid easting/northing (metres) → WGS84 [longitude, latitude] in degrees. */
export function gridToWgs84(easting: number, northing: number): [number, number] {
  if (!Number.isFinite(easting) || !Number.isFinite(northing) || easting < -100000 || easting > 800000 || northing < -100000 || northing > 1400000) {
    throw new RangeError(`Not a British National Grid reference: easting ${easting}, northing ${northing}`);
  }
  const osgb = gridToOsgb36(easting, northing);
  const wgs = helmert(osgb.latitude, osgb.longitude, AIRY_1830, WGS84, -1);
  return [(wgs.longitude * 180) / Math.PI, (wgs.latitude * 180) / Math.PI];
}

/** WGS84 longitude/latitude (degrees) → British National Grid [easting, northing] in metres. */
export function wgs84ToGrid(longitude: number, latitude: number): [number, number] {
  const osgb = helmert((latitude * Math.PI) / 180, (longitude * Math.PI) / 180, WGS84, AIRY_1830, 1);
  const grid = osgb36ToGrid(osgb.latitude, osgb.longitude);
  return [grid.easting, grid.northing];
}
