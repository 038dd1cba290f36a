/**
 * Choropleth maps as inline SVG, drawn with d3-geo from the LSOA boundaries:
 * one <path> per LSOA carrying its code (`data-lsoa`), so the map can be
 * checked and styled without a map server or tiles.
 */
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { lsoaCodeOf, type LsoaBoundaries } from '../area.ts';
import { html, type Html } from './html.ts';

/**
 * d3-geo reads ring order spherically: a clockwise exterior. ONS files follow
 * RFC 7946 (counter-clockwise exterior), which d3 would take for "the whole
 * globe except this LSOA". A polygon whose area exceeds a hemisphere is such a
 * case, and its rings are reversed.
 */
function windForD3(feature: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
  if (geoArea(feature) <= 2 * Math.PI) return feature;
  const reverseRings = (rings: Position[][]) => rings.map((ring) => [...ring].reverse());
  const geometry: Polygon | MultiPolygon =
    feature.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: reverseRings(feature.geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map(reverseRings) };
  return { ...feature, geometry };
}

export interface MapValue {
  /** The protected value, or null when suppressed or banded. */
  value: number | null;
  /** What the table shows for it ("15", "*", "1 to 4"). */
  display: string;
  label?: string;
}

export interface ChoroplethOptions {
  title: string;
  width?: number;
  height?: number;
  /** Unit for the legend, e.g. "assaults" or "per 1,000 residents". */
  unit: string;
}

const PALETTE = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const SUPPRESSED_FILL = 'url(#suppressed-hatch)';

/**
 * Class breaks: 0 on its own, then four equal steps up to the largest shown
 * value; whole-number steps when every value is a whole number (counts), so
 * the legend reads "1–13", not "0–12.5".
 */
function breaksFor(values: number[]): number[] {
  const maximum = Math.max(0, ...values);
  if (maximum === 0) return [0];
  const whole = values.every((value) => Number.isInteger(value));
  const step = whole ? Math.max(1, Math.ceil(maximum / 4)) : maximum / 4;
  return [0, step, 2 * step, 3 * step];
}

function classOf(value: number, breaks: number[]): number {
  if (value <= 0) return 0;
  let index = 1;
  for (let i = 1; i < breaks.length; i += 1) if (value > breaks[i]!) index = i + 1;
  return Math.min(index, PALETTE.length - 1);
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Legend entries for the classes of `breaks`. */
export function legendClasses(breaks: number[], whole: boolean): Array<{ fill: string; text: string }> {
  const classes = [{ fill: PALETTE[0]!, text: '0' }];
  if (breaks.length === 1) return classes;
  for (let i = 1; i < breaks.length; i += 1) {
    const low = whole ? breaks[i - 1]! + 1 : breaks[i - 1]!;
    classes.push({ fill: PALETTE[i]!, text: low === breaks[i] ? format(low) : `${format(low)}–${format(breaks[i]!)}` });
  }
  classes.push({ fill: PALETTE[breaks.length]!, text: `over ${format(breaks[breaks.length - 1]!)}` });
  return classes;
}

export function renderChoropleth(boundaries: LsoaBoundaries, values: Map<string, MapValue>, options: ChoroplethOptions): Html {
  const width = options.width ?? 640;
  const height = options.height ?? 520;
  const legendHeight = 70;
  const features = boundaries.features.map(windForD3);
  const collection = { type: 'FeatureCollection' as const, features };
  const projection = geoMercator().fitExtent([[8, 8], [width - 8, height - legendHeight - 8]], collection);
  const path = geoPath(projection);
  const shown = [...values.values()].map((entry) => entry.value).filter((value): value is number => value !== null);
  const breaks = breaksFor(shown);
  const shapes = features.map((feature, index) => {
    const code = lsoaCodeOf(feature, index);
    const entry = values.get(code);
    const fill = !entry ? '#eeeeee' : entry.value === null ? SUPPRESSED_FILL : PALETTE[classOf(entry.value, breaks)]!;
    const tooltip = `${entry?.label ?? code}: ${entry ? entry.display : 'no data'}`;
    return html`<path data-lsoa="${code}" data-display="${entry?.display ?? ''}" d="${path(feature) ?? ''}" fill="${fill}" stroke="#7a7a7a" stroke-width="0.4"><title>${tooltip}</title></path>`;
  });
  const legendTop = height - legendHeight + 10;
  const legendEntries = legendClasses(breaks, shown.every((value) => Number.isInteger(value)));
  const legend = [...legendEntries, { fill: SUPPRESSED_FILL, text: 'not shown (disclosure control)' }].map(
    (entry, i) => html`<g transform="translate(${10 + (i % 4) * 150},${legendTop + Math.floor(i / 4) * 22})"><rect width="16" height="12" fill="${entry.fill}" stroke="#7a7a7a" stroke-width="0.5"/><text x="22" y="10" font-size="11">${entry.text}</text></g>`,
  );
  return html`<figure class="map">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${options.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-map="lsoa">
<defs><pattern id="suppressed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2"/></pattern></defs>
<g class="lsoas">${shapes}</g>
<text x="10" y="${legendTop - 6}" font-size="11" fill="#5a5a5a">${options.unit}</text>
${legend}
</svg>
<figcaption>${options.title}. One shape per LSOA; hatched areas have a value that disclosure control does not publish.</figcaption>
</figure>`;
}
