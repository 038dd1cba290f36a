import { readFileSync } from 'node:fs';
import path from 'node:path';
import { geoMercator } from 'd3-geo';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { classOf, mapClasses } from '../../src/report/map/classes.ts';
import { placeLabels } from '../../src/report/map/labels.ts';
import { areaOutlines } from '../../src/report/map/outlines.ts';
import { EARTH_RADIUS_METRES, metresPerPixel, niceScaleBar, scaleBarFor } from '../../src/report/map/scale-bar.ts';
import { renderChoropleth, type MapValue } from '../../src/report/render/map.ts';
import { areaFromBoundaries } from '../../src/report/area.ts';
import { haveSharedData, sharedDataDirectory } from './scenario.ts';

const labels = (values: number[]) => mapClasses(values).map((entry) => entry.label);

describe('map classes are computed from the values and none is empty', () => {
  it.each<[string, number[], string[]]>([
    ['no values: no class', [], []],
    ['all zeros: one class "0"', [0, 0, 0, 0], ['0']],
    ['one positive value: 0 and that value', [0, 0, 3, 3], ['0', '3']],
    ['few distinct counts: one class each, not equal steps', [0, 1, 2, 2, 5, 1], ['0', '1', '2', '5']],
    ['four distinct counts and no zero', [1, 2, 3, 40], ['1', '2', '3', '40']],
    ['a skewed month: quantile breaks, whole numbers', [0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 9, 14, 40], ['0', '1–2', '3', '4–6', '7–40']],
    ['ties across a quantile: the empty class is dropped', [1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 5, 9, 20], ['1', '2–3', '4–20']],
    ['rates: two significant figures', [0.4, 0.81, 1.2, 1.9, 2.5, 3.3, 4.75, 7.2, 12.5], ['0.40–1.2', '1.9–2.5', '3.3–4.8', '7.2–12.5']],
  ])('%s', (_, values, expected) => {
    const classes = mapClasses(values);
    expect(classes.map((entry) => entry.label)).toEqual(expected);
    // Every class holds a value, and every value is in one.
    for (const entry of classes) expect(entry.count).toBeGreaterThan(0);
    expect(classes.reduce((sum, entry) => sum + entry.count, 0)).toBe(values.length);
    for (const value of values) {
      const found = classOf(value, classes)!;
      expect(value >= found.low - 0.05 * Math.abs(found.low) || value > 0).toBe(true);
      expect(value).toBeLessThanOrEqual(found.high);
    }
  });

  it('the same value always gets the same class, whatever order the areas come in', () => {
    expect(labels([5, 1, 9, 3, 7, 2, 8, 4, 6])).toEqual(labels([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });
});

describe('scale bar length from the projection', () => {
  it.each<[number, number, number, string]>([
    [1, 150, 100, '100 m'],
    [3.2, 160, 500, '500 m'],
    [7, 160, 1000, '1 km'],
    [14, 160, 2000, '2 km'],
    [40, 160, 5000, '5 km'],
    [0.5, 150, 50, '50 m'],
  ])('%s m/px within %s px: %s m', (perPixel, maxPixels, metres, label) => {
    const bar = niceScaleBar(perPixel, maxPixels);
    expect(bar.metres).toBe(metres);
    expect(bar.label).toBe(label);
    expect(bar.pixels).toBeCloseTo(metres / perPixel, 6);
    expect(bar.pixels).toBeLessThanOrEqual(maxPixels);
  });

  it.each([
    ['Haringey', [-0.1713, 51.5647, -0.0415, 51.6112]],
    ['Cardiff', [-3.35, 51.43, -3.1, 51.56]],
    ['Inverness', [-4.3, 57.44, -4.15, 57.5]],
  ] as const)('%s: the bar is as long on the ground as it says (haversine, within 0.5 %)', (_, [west, south, east, north]) => {
    const box: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[west, south], [west, north], [east, north], [east, south], [west, south]]] } }] };
    const projection = geoMercator().fitSize([600, 400], box);
    const bar = scaleBarFor(projection, [300, 200], 160);
    const [a, b] = [projection.invert!([300 - bar.pixels / 2, 200])!, projection.invert!([300 + bar.pixels / 2, 200])!];
    const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
    const h = Math.sin(toRadians(b[1] - a[1]) / 2) ** 2 + Math.cos(toRadians(a[1])) * Math.cos(toRadians(b[1])) * Math.sin(toRadians(b[0] - a[0]) / 2) ** 2;
    const metres = 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
    expect(Math.abs(metres - bar.metres) / bar.metres).toBeLessThan(0.005);
    expect(metresPerPixel(projection, [300, 200])).toBeGreaterThan(0);
  });
});

describe('ward labels', () => {
  it('labels that would overlap are moved or left out, never drawn on top of each other', () => {
    const layout = placeLabels(
      [
        { text: 'Northumberland Park', x: 100, y: 100, priority: 3 },
        { text: 'Bruce Castle', x: 105, y: 102, priority: 2 },
        { text: 'Tottenham Central', x: 102, y: 98, priority: 1 },
        { text: 'Far Away', x: 300, y: 300, priority: 0 },
      ],
      { fontSize: 9, frame: [400, 400] },
    );
    const boxes = layout.placed.map((label) => label.box);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false);
    expect(layout.placed.length + layout.omitted.length).toBe(4);
    expect(layout.placed.map((label) => label.text)).toContain('Far Away');
  });
});

describe.skipIf(!haveSharedData)('maps of the real two boroughs', () => {
  const read = (borough: string) => JSON.parse(readFileSync(path.join(sharedDataDirectory, borough, 'lsoa_2021.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const both = (): FeatureCollection<Polygon | MultiPolygon> => ({ type: 'FeatureCollection', features: [...read('haringey').features, ...read('barking_and_dagenham').features] });

  it('wards dissolve from the LSOAs by the best-fit lookup: 21 in Haringey, 19 in Barking and Dagenham', () => {
    expect(areaOutlines(read('haringey').features).wards).toHaveLength(21);
    expect(areaOutlines(read('barking_and_dagenham').features).wards).toHaveLength(19);
    // Neighbouring LSOAs share their edges exactly: inner ward lines are far fewer than all LSOA edges.
    const outlines = areaOutlines(read('haringey').features);
    expect(outlines.wardLines!.coordinates.length).toBeGreaterThan(10);
  });

  it('two boroughs give two labelled panels at one scale, with every LSOA once', () => {
    const collection = both();
    const values = new Map<string, MapValue>(areaFromBoundaries(collection).map((lsoa, index) => [lsoa.code, { value: index % 9 === 0 ? null : index % 4, display: index % 9 === 0 ? '*' : String(index % 4) }]));
    const svg = renderChoropleth(collection, values, { title: 'Assaults', unit: 'assaults' }).text;
    expect(svg).toContain('data-panels="2"');
    expect(svg).toMatch(/map-panel-title">Haringey</);
    expect(svg).toMatch(/map-panel-title">Barking and Dagenham</);
    expect(new Set([...svg.matchAll(/data-lsoa="([^"]+)"/g)].map((match) => match[1])).size).toBe(262);
    const scales = [...svg.matchAll(/data-scale-metres="(\d+)" data-scale-pixels="([\d.]+)"/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(scales).toHaveLength(2);
    // One projection scale: metres per pixel differ only by Mercator's stretch between the two boroughs' latitudes (< 0.2 %).
    const [first, second] = scales.map(([metres, pixels]) => metres! / pixels!);
    expect(Math.abs(first! - second!) / first!).toBeLessThan(0.002);
    // Legend: the classes that occur, and the hatch because some areas are not published.
    expect(svg).toContain('not published (disclosure control; not zero)');
    expect(svg).not.toContain('no count for this area');
  });

  it('with nothing suppressed the legend has no disclosure entry', () => {
    const collection = read('haringey');
    const values = new Map<string, MapValue>(areaFromBoundaries(collection).map((lsoa, index) => [lsoa.code, { value: index % 3, display: String(index % 3) }]));
    const svg = renderChoropleth(collection, values, { title: 'Assaults', unit: 'assaults' }).text;
    expect(svg).not.toContain('disclosure control');
    expect(svg).toContain('data-panels="1"');
    expect([...svg.matchAll(/class="map-legend-entry"/g)]).toHaveLength(3);
  });
});
