/**
 * A small map of one premises and its surroundings, for a premises report:
 * the premises marked and named, the places near it that a reader would know
 * it by, the LSOA, ward and borough lines with ward names, an optional ring at
 * a distance the report speaks of, and a scale bar. Drawn at a fixed ground
 * scale (`radiusMetres` from the premises to the side of the frame), so two
 * premises maps read alike.
 */
import { geoCircle, geoContains, geoMercator, geoPath } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LsoaBoundaries } from '../area.ts';
import { placeLabels, textWidth } from '../map/labels.ts';
import { areaOutlines } from '../map/outlines.ts';
import { windForD3 } from '../map/projection.ts';
import { EARTH_RADIUS_METRES, scaleBarFor } from '../map/scale-bar.ts';
import { html, type Html } from './html.ts';

export interface MapPoint {
  longitude: number;
  latitude: number;
  label?: string;
}

export interface PremisesMapOptions {
  premises: MapPoint & { label: string };
  /** LSOA boundaries (with ward and borough) for the outlines; none draws the points alone. */
  boundaries?: LsoaBoundaries | null;
  /** Places near the premises shown for context (other premises, stations, landmarks). */
  nearby?: MapPoint[];
  /** Street centre lines (the gazetteer's `lines`), drawn and named. */
  streets?: Array<{ name: string; lines: Array<Array<[number, number]>> }>;
  /** Ground distance from the premises to the left and right edges (default 400 m). */
  radiusMetres?: number;
  /** A ring drawn at this distance from the premises, with its caption (e.g. the "near" distance). */
  ring?: { metres: number; label: string };
  width?: number;
  height?: number;
  title: string;
}

const LABEL_SIZE = 9;

function intersects(feature: Feature<Polygon | MultiPolygon>, box: [number, number, number, number]): boolean {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const polygon of polygons) for (const [x = 0, y = 0] of polygon[0] ?? []) if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) return true;
  return false;
}

export function renderPremisesMap(options: PremisesMapOptions): Html {
  const width = options.width ?? 360;
  const height = options.height ?? 260;
  const radius = options.radiusMetres ?? 400;
  const { premises } = options;
  const cosLatitude = Math.cos((premises.latitude * Math.PI) / 180);
  const scale = ((width / 2) * EARTH_RADIUS_METRES * cosLatitude) / radius;
  const projection = geoMercator().center([premises.longitude, premises.latitude]).scale(scale).translate([width / 2, height / 2]).clipExtent([[0, 0], [width, height]]);
  const path = geoPath(projection);
  // LSOAs with a vertex in (a margin around) the frame: enough for outlines that cross it.
  const marginDegrees = (3 * radius) / (EARTH_RADIUS_METRES * cosLatitude) * (180 / Math.PI);
  const box: [number, number, number, number] = [premises.longitude - marginDegrees, premises.latitude - marginDegrees, premises.longitude + marginDegrees, premises.latitude + marginDegrees];
  const features = (options.boundaries?.features ?? []).filter((feature) => intersects(feature, box));
  const outlines = features.length > 0 ? areaOutlines(features) : null;
  const at = (point: MapPoint) => projection([point.longitude, point.latitude]);
  const inFrame = (xy: [number, number] | null): xy is [number, number] => xy !== null && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height;
  const here = at(premises)!;
  const nearby = (options.nearby ?? []).map((point) => ({ point, xy: at(point) })).filter((entry): entry is { point: MapPoint; xy: [number, number] } => inFrame(entry.xy));
  const bar = scaleBarFor(projection, [width / 2, height / 2], width / 3);
  const barBox = { left: 0, top: height - 24, right: 16 + bar.pixels + 30, bottom: height };
  const premisesBox = { left: here[0] - 6, top: here[1] - 6, right: here[0] + 6, bottom: here[1] + 6 };
  const premisesLabelWidth = textWidth(premises.label, 11);
  const labelY = here[1] - 10 < 12 ? here[1] + 18 : here[1] - 10;
  const premisesLabelBox = { left: here[0] - premisesLabelWidth / 2 - 3, top: labelY - 11, right: here[0] + premisesLabelWidth / 2 + 3, bottom: labelY + 3 };
  const pointLabels = placeLabels(
    nearby.filter((entry) => entry.point.label).map((entry, index) => ({ text: entry.point.label!, x: entry.xy[0], y: entry.xy[1] + 9, priority: -index })),
    { fontSize: LABEL_SIZE, frame: [width, height], avoid: [barBox, premisesBox, premisesLabelBox] },
  );
  const wardLabels = outlines
    ? placeLabels(
        outlines.wards
          .map((ward) => ({ ward, xy: projection(geoPathCentroid(ward.geometry)) }))
          .filter((entry): entry is { ward: (typeof outlines.wards)[number]; xy: [number, number] } => inFrame(entry.xy))
          .map((entry) => ({ text: entry.ward.name.toUpperCase(), x: entry.xy[0], y: entry.xy[1], priority: 0 })),
        { fontSize: LABEL_SIZE, frame: [width, height], avoid: [barBox, premisesBox, premisesLabelBox, ...pointLabels.placed.map((label) => label.box)] },
      )
    : null;
  const streets = (options.streets ?? []).map((street) => ({ name: street.name, geometry: { type: 'MultiLineString' as const, coordinates: street.lines } }));
  const streetLabels = placeLabels(
    streets
      .map((street) => {
        // Label at the vertex nearest the frame's centre that lies in the frame.
        const points = street.geometry.coordinates.flat().map((position) => projection(position)).filter(inFrame);
        const best = points.sort((a, b) => Math.hypot(a[0] - width / 2, a[1] - height / 2) - Math.hypot(b[0] - width / 2, b[1] - height / 2))[0];
        return best ? { text: street.name, x: best[0], y: best[1], priority: -1 } : null;
      })
      .filter((entry): entry is NonNullable<typeof entry> => entry !== null),
    { fontSize: LABEL_SIZE - 1, frame: [width, height], avoid: [barBox, premisesBox, premisesLabelBox, ...pointLabels.placed.map((label) => label.box), ...(wardLabels?.placed.map((label) => label.box) ?? [])] },
  );
  const wardHere = outlines?.wards.find((ward) => geoContains(windForD3({ type: 'Feature', properties: {}, geometry: ward.geometry }), [premises.longitude, premises.latitude])) ?? null;
  const ring = options.ring ? geoCircle().center([premises.longitude, premises.latitude]).radius((options.ring.metres / EARTH_RADIUS_METRES) * (180 / Math.PI))() : null;
  const text = (x: number, y: number, content: string, size: number, extra = '') =>
    html`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" text-anchor="middle" fill="#222" stroke="#ffffff" stroke-width="2.4" stroke-linejoin="round" paint-order="stroke"${extra ? html` font-weight="${extra}"` : ''}>${content}</text>`;
  return html`<figure class="map premises-map" data-premises-map>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${options.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="${width}" height="${height}" fill="#fbfbf8" stroke="#9a9a9a" stroke-width="0.6"/>
<g class="lsoas">${features.map((feature) => html`<path d="${path(windForD3(feature)) ?? ''}" fill="none" stroke="#c4c4c4" stroke-width="0.5"/>`)}</g>
${streets.map((street) => html`<path class="street" d="${path(street.geometry) ?? ''}" fill="none" stroke="#b8b8b8" stroke-width="2.2" stroke-linecap="round"/>`)}
${outlines?.wardLines ? html`<path class="ward-lines" d="${path(outlines.wardLines) ?? ''}" fill="none" stroke="#6a6a6a" stroke-width="0.9" stroke-dasharray="3 1.5"/>` : ''}
${outlines ? html`<path class="borough-lines" d="${path(outlines.boroughLines) ?? ''}" fill="none" stroke="#1b1b1b" stroke-width="1.4"/>` : ''}
${ring ? html`<path class="ring" d="${path(ring) ?? ''}" fill="none" stroke="#8a3b00" stroke-width="0.9" stroke-dasharray="4 2"/>` : ''}
${wardLabels ? wardLabels.placed.map((label) => text(label.x, label.y + 3, label.text, LABEL_SIZE)) : ''}
${streetLabels.placed.map((label) => html`<text x="${label.x.toFixed(1)}" y="${(label.y + 3).toFixed(1)}" font-size="${LABEL_SIZE - 1}" font-style="italic" text-anchor="middle" fill="#555" stroke="#ffffff" stroke-width="2" paint-order="stroke">${label.text}</text>`)}
${nearby.map((entry) => html`<circle cx="${entry.xy[0].toFixed(1)}" cy="${entry.xy[1].toFixed(1)}" r="2.6" fill="#5a5a5a"/>`)}
${pointLabels.placed.map((label) => text(label.x, label.y + 3, label.text, LABEL_SIZE))}
<circle cx="${here[0].toFixed(1)}" cy="${here[1].toFixed(1)}" r="5" fill="#c0392b" stroke="#ffffff" stroke-width="1.5" data-premises-marker/>
${text(here[0], labelY, premises.label, 11, '600')}
<g class="scale-bar" data-scale-metres="${bar.metres}" transform="translate(8,${height - 10})"><rect width="${(bar.pixels / 2).toFixed(2)}" height="4" fill="#1b1b1b"/><rect x="${(bar.pixels / 2).toFixed(2)}" width="${(bar.pixels / 2).toFixed(2)}" height="4" fill="#ffffff" stroke="#1b1b1b" stroke-width="0.6"/><text y="-3" font-size="9">0</text><text x="${bar.pixels.toFixed(2)}" y="-3" font-size="9" text-anchor="middle">${bar.label}</text></g>
</svg>
<figcaption>${options.title}${wardHere ? `, in ${wardHere.name} ward${wardHere.borough ? ` (${wardHere.borough.name})` : ''}` : ''}.${options.ring ? ` Dashed ring: ${options.ring.label}.` : ''}${outlines ? ' Thin lines are LSOAs, dashed lines wards, the thick line the borough boundary.' : ''}</figcaption>
</figure>`;
}

/** A ward's label point: the centroid of its largest part. */
function geoPathCentroid(geometry: MultiPolygon): [number, number] {
  const parts = geometry.coordinates.map((coordinates) => windForD3({ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates } }));
  const areas = parts.map((part) => geoPath().area(part));
  const largest = parts[areas.indexOf(Math.max(...areas))]!;
  return geoPath().centroid(largest) as [number, number];
}
