/**
 * Rings wound for d3-geo, and the projection of a set of panels at one scale.
 *
 * d3-geo reads ring order spherically: a clockwise exterior. ONS files follow
 * RFC 7946 (counter-clockwise exterior), which d3 would take for "the whole
 * globe except this LSOA". A polygon whose area exceeds a hemisphere is such a
 * case, and its rings are reversed.
 */
import { geoArea, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export function windForD3<F extends Feature<Polygon | MultiPolygon>>(feature: F): F {
  if (geoArea(feature) <= 2 * Math.PI) return feature;
  const reverseRings = (rings: Position[][]) => rings.map((ring) => [...ring].reverse());
  const geometry: Polygon | MultiPolygon =
    feature.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: reverseRings(feature.geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map(reverseRings) };
  return { ...feature, geometry };
}

export interface PanelFrame {
  projection: GeoProjection;
  width: number;
  height: number;
}

/**
 * One Web Mercator projection per panel, all at the scale of the panel that
 * needs the smallest (so a kilometre is as long in every panel and one scale
 * reads for all), each panel as tall as its area needs up to `maxHeight`.
 */
export function panelFrames(panels: ReadonlyArray<FeatureCollection<Polygon | MultiPolygon>>, width: number, maxHeight: number, margin: number): PanelFrame[] {
  const fitted = panels.map((collection) => geoMercator().fitExtent([[margin, margin], [width - margin, maxHeight - margin]], collection));
  const scale = Math.min(...fitted.map((projection) => projection.scale()));
  return panels.map((collection) => {
    const projection = geoMercator().scale(scale).translate([0, 0]);
    const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(collection);
    const height = Math.ceil(y1 - y0 + 2 * margin);
    projection.translate([(width - (x1 - x0)) / 2 - x0, margin - y0]);
    return { projection, width, height };
  });
}
