/**
 * Choropleth maps as inline SVG, drawn with d3-geo from the LSOA boundaries:
 * one <path> per LSOA carrying its code (`data-lsoa`), so the map can be
 * checked and styled without a map server or tiles. Every map carries what a
 * reader needs to read it: borough and ward outlines with ward names, a scale
 * bar, classes computed from the values shown (src/report/map/classes.ts) with
 * only the legend entries that occur, and one panel per borough when the area
 * has several.
 */
import { geoArea, geoContains, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import { boroughOfFeature, lsoaCodeOf, type LsoaBoundaries } from '../area.ts';
import { classOf, mapClasses, type MapClass } from '../map/classes.ts';
import { placeLabels, type LabelLayout } from '../map/labels.ts';
import { areaOutlines, type AreaOutlines, type WardShape } from '../map/outlines.ts';
import { panelFrames, windForD3, type PanelFrame } from '../map/projection.ts';
import { scaleBarFor } from '../map/scale-bar.ts';
import { html, type Html } from './html.ts';

export { mapClasses, type MapClass } from '../map/classes.ts';

export interface MapValue {
  /** The protected value, or null when suppressed or banded. */
  value: number | null;
  /** What the table shows for it ("15", "*", "1 to 4"). */
  display: string;
  label?: string;
}

export interface ChoroplethOptions {
  title: string;
  /** Width of one panel. */
  width?: number;
  /** Most height of one panel's map (its legend and caption come below). */
  height?: number;
  /** Unit for the legend, e.g. "assaults" or "per 1,000 residents". */
  unit: string;
  /** What the map does not show: the placed/unplaced share (src/report/placement.ts), shown beside the map. */
  placement?: Html;
}

const SUPPRESSED_FILL = 'url(#suppressed-hatch)';
const NO_DATA_FILL = '#e6e6e6';
const WARD_LABEL_SIZE = 9;
const MARGIN = 8;
/** Room under each panel's map for its scale bar. */
const SCALE_BAR_ROOM = 26;

export interface BoroughPanel {
  code: string | null;
  name: string | null;
  features: Array<Feature<Polygon | MultiPolygon>>;
}

/** The LSOAs grouped by borough (LAD), in the order the boroughs first appear; one group when the LSOAs name no borough. */
export function boroughPanels(features: ReadonlyArray<Feature<Polygon | MultiPolygon>>): BoroughPanel[] {
  const panels = new Map<string, BoroughPanel>();
  for (const feature of features) {
    const borough = boroughOfFeature(feature);
    const key = borough?.code ?? '';
    const panel = panels.get(key) ?? { code: borough?.code ?? null, name: borough?.name ?? null, features: [] };
    panel.features.push(feature);
    panels.set(key, panel);
  }
  return [...panels.values()];
}

/** A point inside the ward's largest part, on screen: its centroid when that lies inside, else a point on its surface. */
function wardAnchor(ward: WardShape, projection: GeoProjection): { x: number; y: number; area: number } | null {
  const parts: Array<Feature<Polygon>> = ward.geometry.coordinates.map((coordinates) => windForD3({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } }));
  const largest = parts.sort((a, b) => geoArea(b) - geoArea(a))[0];
  if (!largest) return null;
  const path = geoPath(projection);
  let [x, y] = path.centroid(largest);
  const inverse = projection.invert?.([x, y]);
  if (!inverse || !geoContains(largest, inverse)) {
    const inside = projection(pointOnFeature(largest).geometry.coordinates as [number, number]);
    if (!inside) return null;
    [x, y] = inside;
  }
  return { x, y, area: path.area(largest) };
}

function renderScaleBar(frame: PanelFrame, mapHeight: number): { svg: Html; box: { left: number; top: number; right: number; bottom: number } } {
  const bar = scaleBarFor(frame.projection, [frame.width / 2, mapHeight / 2], Math.min(160, frame.width / 3));
  const x = MARGIN + 2;
  const y = frame.height + SCALE_BAR_ROOM - 10;
  const half = bar.pixels / 2;
  const svg = html`<g class="scale-bar" data-scale-metres="${bar.metres}" data-scale-pixels="${bar.pixels.toFixed(2)}" transform="translate(${x.toFixed(1)},${y})">
<rect x="0" y="0" width="${half.toFixed(2)}" height="4" fill="#1b1b1b"/><rect x="${half.toFixed(2)}" y="0" width="${half.toFixed(2)}" height="4" fill="#ffffff" stroke="#1b1b1b" stroke-width="0.6"/>
<text x="0" y="-3" font-size="9">0</text><text x="${bar.pixels.toFixed(2)}" y="-3" font-size="9" text-anchor="middle">${bar.label}</text></g>`;
  return { svg, box: { left: 0, top: y - 14, right: x + bar.pixels + 30, bottom: y + 6 } };
}

function renderLabels(layout: LabelLayout): Html[] {
  return layout.placed.map((label) => {
    const lineHeight = WARD_LABEL_SIZE * 1.15;
    const firstY = label.y - ((label.lines.length - 1) * lineHeight) / 2 + WARD_LABEL_SIZE * 0.35;
    return html`<text class="ward-label" x="${label.x.toFixed(1)}" y="${firstY.toFixed(1)}" font-size="${WARD_LABEL_SIZE}" text-anchor="middle" fill="#222" stroke="#ffffff" stroke-width="2.4" stroke-linejoin="round" paint-order="stroke">${label.lines.map((line, index) => html`<tspan x="${label.x.toFixed(1)}" dy="${index === 0 ? 0 : lineHeight.toFixed(1)}">${line}</tspan>`)}</text>`;
  });
}

interface PanelDrawing {
  svg: Html;
  omittedLabels: string[];
}

/** One panel: LSOA shapes, ward and borough lines, ward labels and a scale bar. */
/**
 * Outlines per set of boundaries and borough: a publish draws several maps of
 * the same boundaries, and dissolving wards is most of a map's cost.
 */
const outlinesCache = new WeakMap<object, Map<string, AreaOutlines>>();

function cachedOutlines(key: object, panel: BoroughPanel): AreaOutlines {
  let byPanel = outlinesCache.get(key);
  if (!byPanel) outlinesCache.set(key, (byPanel = new Map()));
  const panelKey = panel.code ?? '';
  let outlines = byPanel.get(panelKey);
  if (!outlines) byPanel.set(panelKey, (outlines = areaOutlines(panel.features)));
  return outlines;
}

function renderPanel(cacheKey: object, panel: BoroughPanel, frame: PanelFrame, fillOf: (feature: Feature<Polygon | MultiPolygon>) => { fill: string; code: string; display: string; tooltip: string }, title: string): PanelDrawing {
  const path = geoPath(frame.projection);
  const shapes = panel.features.map((feature) => {
    const shape = fillOf(feature);
    return html`<path data-lsoa="${shape.code}" data-display="${shape.display}" d="${path(windForD3(feature)) ?? ''}" fill="${shape.fill}" stroke="#9a9a9a" stroke-width="0.3"><title>${shape.tooltip}</title></path>`;
  });
  const outlines = cachedOutlines(cacheKey, panel);
  const scale = renderScaleBar(frame, frame.height);
  const totalHeight = frame.height + SCALE_BAR_ROOM;
  const anchors = outlines.wards
    .map((ward) => ({ ward, anchor: wardAnchor(ward, frame.projection) }))
    .filter((entry): entry is { ward: WardShape; anchor: NonNullable<ReturnType<typeof wardAnchor>> } => entry.anchor !== null);
  const layout = placeLabels(
    anchors.map(({ ward, anchor }) => ({ text: ward.name, x: anchor.x, y: anchor.y, priority: anchor.area })),
    { fontSize: WARD_LABEL_SIZE, frame: [frame.width, totalHeight], avoid: [scale.box] },
  );
  const svg = html`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${title}" width="${frame.width}" height="${totalHeight}" viewBox="0 0 ${frame.width} ${totalHeight}" data-map="lsoa"${panel.code ? html` data-borough="${panel.code}"` : ''}>
<defs><pattern id="suppressed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2"/></pattern></defs>
<g class="lsoas">${shapes}</g>
${outlines.wardLines ? html`<path class="ward-lines" d="${path(outlines.wardLines) ?? ''}" fill="none" stroke="#4d4d4d" stroke-width="0.9" stroke-dasharray="3 1.5"/>` : ''}
<path class="borough-lines" d="${path(outlines.boroughLines) ?? ''}" fill="none" stroke="#1b1b1b" stroke-width="1.6"/>
<g class="ward-labels" data-ward-labels="${layout.placed.length}" data-wards="${outlines.wards.length}">${renderLabels(layout)}</g>
${scale.svg}
</svg>`;
  return { svg, omittedLabels: layout.omitted };
}

function swatch(fill: string): Html {
  return html`<svg width="16" height="12" aria-hidden="true"><rect width="16" height="12" fill="${fill}" stroke="#7a7a7a" stroke-width="0.5"/>${fill === SUPPRESSED_FILL ? html`<defs><pattern id="suppressed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2"/></pattern></defs>` : ''}</svg>`;
}

/** The legend entries that apply: the classes values fall in, "not published" only when a shown area is suppressed, "no count" only when an area has none. */
export function legendEntries(classes: readonly MapClass[], suppressed: number, missing: number): Array<{ fill: string; text: string }> {
  return [
    ...classes.map((entry) => ({ fill: entry.fill, text: entry.label })),
    ...(suppressed > 0 ? [{ fill: SUPPRESSED_FILL, text: 'not published (disclosure control; not zero)' }] : []),
    ...(missing > 0 ? [{ fill: NO_DATA_FILL, text: 'no count for this area' }] : []),
  ];
}

export function renderChoropleth(boundaries: LsoaBoundaries, values: Map<string, MapValue>, options: ChoroplethOptions): Html {
  const panels = boroughPanels(boundaries.features);
  // Two boroughs side by side fit a page; each is drawn a little smaller than a lone one.
  const width = options.width ?? (panels.length > 1 ? 520 : 640);
  const maxHeight = (options.height ?? 520) - 70;
  const codes = new Map(boundaries.features.map((feature, index) => [feature, lsoaCodeOf(feature, index)] as const));
  const shown = [...codes.values()].map((code) => values.get(code)).filter((entry): entry is MapValue => entry !== undefined);
  const classes = mapClasses(shown.map((entry) => entry.value).filter((value): value is number => value !== null));
  const suppressed = shown.filter((entry) => entry.value === null).length;
  const missing = codes.size - shown.length;
  const fillOf = (feature: Feature<Polygon | MultiPolygon>) => {
    const code = codes.get(feature)!;
    const entry = values.get(code);
    const fill = !entry ? NO_DATA_FILL : entry.value === null ? SUPPRESSED_FILL : (classOf(entry.value, classes)?.fill ?? NO_DATA_FILL);
    return { code, fill, display: entry?.display ?? '', tooltip: `${entry?.label ?? code}: ${entry ? entry.display : 'no count'}` };
  };
  const collections: Array<FeatureCollection<Polygon | MultiPolygon>> = panels.map((panel) => ({ type: 'FeatureCollection', features: panel.features.map(windForD3) }));
  const frames = panelFrames(collections, width, maxHeight - SCALE_BAR_ROOM, MARGIN);
  const drawings = panels.map((panel, index) => renderPanel(boundaries.features, panel, frames[index]!, fillOf, panels.length > 1 ? `${options.title}: ${panel.name ?? 'area'}` : options.title));
  const omitted = drawings.flatMap((drawing) => drawing.omittedLabels);
  const hasWards = panels.some((panel) => panel.features.some((feature) => feature.properties && Object.keys(feature.properties).some((key) => /^(WD\d\dCD|wardCode)$/i.test(key) && feature.properties![key])));
  const legend = legendEntries(classes, suppressed, missing);
  return html`<figure class="map" data-panels="${panels.length}">
<div class="map-panels">${drawings.map((drawing, index) => html`<div class="map-panel">${panels.length > 1 ? html`<div class="map-panel-title">${panels[index]!.name ?? 'Area'}</div>` : ''}${drawing.svg}</div>`)}</div>
<div class="map-legend" data-legend><span class="map-legend-unit">${options.unit}${classes.length > 1 && classes.some((entry) => entry.low !== entry.high) ? ' (classes from this map\'s values)' : ''}:</span> ${legend.map((entry) => html`<span class="map-legend-entry">${swatch(entry.fill)} ${entry.text}</span>`)}</div>
${options.placement ?? ''}
<figcaption>${options.title}. One shape per LSOA; ${panels.length > 1 ? 'one panel per borough, at the same scale; ' : ''}thick lines are borough boundaries${hasWards ? ', dashed lines ward boundaries (wards made of their LSOAs by the ONS best-fit lookup)' : ''}.${omitted.length > 0 ? ` ${omitted.length} ward name(s) left out where they would overlap another: ${omitted.join(', ')}.` : ''}</figcaption>
</figure>`;
}
