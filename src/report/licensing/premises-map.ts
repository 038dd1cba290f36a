/**
 * A small locator map for one premises report: the premises, the other
 * licensed premises around it (unnamed: a premises with no attributed assault
 * is named nowhere in the pack), the stations and streets around it (what
 * else a text could have named), the LSOA boundaries, a scale bar and north. Inline SVG in a local metric projection, so it prints
 * as it shows and needs no tiles or network. Self-contained on purpose: the
 * pack's shared map drawing can replace it without touching the report.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { PremisesPoint } from '../../aggregate/premises.ts';
import { metresApart } from '../../lib/distance.ts';
import type { LsoaBoundaries } from '../area.ts';
import { html, Html } from '../render/html.ts';

/** A named place to show for orientation: a station, or a street at its representative point. */
export interface MapPlace {
  name: string;
  kind: 'station' | 'street';
  longitude: number;
  latitude: number;
}

export interface PremisesMapOptions {
  /** Stations and streets to label. */
  places?: readonly MapPlace[];
  /** Half the width of the area shown, in metres. */
  radiusMetres?: number;
  width?: number;
  height?: number;
}

const METRES_PER_DEGREE_LATITUDE = 111_320;

function rings(feature: Feature<Polygon | MultiPolygon>): Position[][] {
  return feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
}

/** A round scale length (50, 100, 200, 250, 500 m…) about a quarter of the map's width. */
function scaleLength(widthMetres: number): number {
  const target = widthMetres / 4;
  const steps = [25, 50, 100, 200, 250, 500, 1000, 2000];
  return steps.reduce((best, step) => (Math.abs(step - target) < Math.abs(best - target) ? step : best), steps[0]!);
}

export function renderPremisesMap(focus: PremisesPoint, others: PremisesPoint[], boundaries: LsoaBoundaries | null, options: PremisesMapOptions = {}): Html {
  const width = options.width ?? 420;
  const height = options.height ?? 300;
  const radius = options.radiusMetres ?? 250;
  const metresPerPixel = (2 * radius) / width;
  const metresPerDegreeLongitude = METRES_PER_DEGREE_LATITUDE * Math.cos((focus.latitude * Math.PI) / 180);
  const x = (longitude: number) => width / 2 + ((longitude - focus.longitude) * metresPerDegreeLongitude) / metresPerPixel;
  const y = (latitude: number) => height / 2 - ((latitude - focus.latitude) * METRES_PER_DEGREE_LATITUDE) / metresPerPixel;
  const inView = (point: { longitude: number; latitude: number }) => {
    const px = x(point.longitude);
    const py = y(point.latitude);
    return px >= 0 && px <= width && py >= 0 && py <= height;
  };
  const boundaryPaths: Html[] = [];
  for (const feature of boundaries?.features ?? []) {
    const featureRings = rings(feature);
    const near = featureRings.some((ring) => ring.some(([lon, lat]) => metresApart(focus, { longitude: lon!, latitude: lat! }) < radius * 3));
    if (!near) continue;
    const d = featureRings.map((ring) => `M${ring.map(([lon, lat]) => `${x(lon!).toFixed(1)},${y(lat!).toFixed(1)}`).join('L')}Z`).join('');
    boundaryPaths.push(html`<path d="${d}" fill="none" stroke="#9aa5b1" stroke-width="1" stroke-dasharray="4 3"/>`);
  }
  // Named places around it (stations first, then streets), so the reader can see what else a text could have named; labels that would overlap are left out.
  const taken: Array<[number, number]> = [[width / 2, height / 2]];
  const labels: Html[] = [];
  for (const place of [...(options.places ?? [])].filter(inView).sort((a, b) => Number(a.kind !== 'station') - Number(b.kind !== 'station') || metresApart(focus, a) - metresApart(focus, b))) {
    const px = x(place.longitude);
    const py = y(place.latitude);
    if (taken.some(([tx, ty]) => Math.abs(tx - px) < 70 && Math.abs(ty - py) < 14) || labels.length >= 10) continue;
    taken.push([px, py]);
    labels.push(
      place.kind === 'station'
        ? html`<rect x="${(px - 4).toFixed(1)}" y="${(py - 4).toFixed(1)}" width="8" height="8" fill="#1f5fa8"/><text x="${(px + 7).toFixed(1)}" y="${(py + 4).toFixed(1)}" font-size="10.5" fill="#1f5fa8">${place.name}</text>`
        : html`<text x="${px.toFixed(1)}" y="${(py + 3).toFixed(1)}" font-size="10" font-style="italic" fill="#55606b" text-anchor="middle">${place.name}</text>`,
    );
  }
  const nearby = others.filter((other) => other.id !== focus.id && inView(other));
  const scale = scaleLength(2 * radius);
  const scalePixels = scale / metresPerPixel;
  return html`<figure data-premises-map>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Map of ${focus.name} and its surroundings">
<defs><clipPath id="premises-map-clip"><rect width="${width}" height="${height}"/></clipPath></defs>
<rect width="${width}" height="${height}" fill="#fbfbf8" stroke="#c8c8c8"/>
<g clip-path="url(#premises-map-clip)">${boundaryPaths}${labels}
<circle cx="${width / 2}" cy="${height / 2}" r="${50 / metresPerPixel}" fill="none" stroke="#c0392b" stroke-width="0.8" stroke-dasharray="2 2" opacity="0.7"/>
${nearby.map((other) => html`<circle cx="${x(other.longitude).toFixed(1)}" cy="${y(other.latitude).toFixed(1)}" r="4" fill="#8c8c8c" stroke="#fff" stroke-width="1"><title>Another licensed premises</title></circle>`)}
<circle cx="${width / 2}" cy="${height / 2}" r="7" fill="#c0392b" stroke="#fff" stroke-width="2"/>
<text x="${width / 2 + 11}" y="${height / 2 + 4}" font-size="12" font-weight="600" fill="#1b1b1b">${focus.name}</text>
</g>
<g transform="translate(12,${height - 16})"><rect x="0" y="-4" width="${scalePixels.toFixed(1)}" height="4" fill="#1b1b1b"/><text x="${(scalePixels + 6).toFixed(1)}" y="0" font-size="10">${scale} m</text></g>
<g transform="translate(${width - 18},24)"><path d="M0,-14 L5,0 L0,-4 L-5,0 Z" fill="#1b1b1b"/><text x="0" y="12" font-size="10" text-anchor="middle">N</text></g>
</svg>
<figcaption>${focus.name} (red) with a dashed 50 m circle, other licensed premises (grey, unnamed) and LSOA boundaries (dashed), stations (blue) and street names, ${2 * radius} m across. ${new Html(nearby.length === 0 ? 'No other licensed premises within the view.' : `${nearby.length} other licensed premises within the view.`)} Boundaries: Office for National Statistics (OGL v3); places: OpenStreetMap contributors (ODbL), Food Standards Agency and Ordnance Survey data © Crown copyright and database right (OGL v3).</figcaption>
</figure>`;
}
