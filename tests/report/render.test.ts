import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { TOTAL, type ProtectedCell } from '../../src/disclose/types.ts';
import { describeChange, monthlyChanges, ratePer1000 } from '../../src/report/figures.ts';
import { premisesFileName } from '../../src/report/licensing/pack.ts';
import { Coverage } from '../../src/report/coverage.ts';
import { ProtectedTableIndex } from '../../src/report/protected-table.ts';
import { protectedTableToCsv, toCsv } from '../../src/report/render/csv.ts';
import { escapeHtml, html, renderTable } from '../../src/report/render/html.ts';
import { legendClasses, renderChoropleth, type MapValue } from '../../src/report/render/map.ts';
import { areaFromBoundaries } from '../../src/report/area.ts';
import { haringeyDirectory, haveSharedData } from './scenario.ts';

const cell = (value: number | null, display = value === null ? '*' : String(value)): ProtectedCell => ({ keys: {}, value, display, status: value === null ? 'primary_suppressed' : 'published' });

describe('CSV files', () => {
  it('refuses a row that does not match the header, naming its length', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow('Unexpected CSV row length: 1 (header has 2)');
  });
});

describe('HTML escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '&#60;script&#62;alert(1)&#60;/script&#62;'],
    [`The King's "Head" & Co`, 'The King&#39;s &#34;Head&#34; &#38; Co'],
  ])('%s', (value, expected) => {
    expect(escapeHtml(value)).toBe(expected);
    expect(html`<td>${value}</td>`.text).toBe(`<td>${expected}</td>`);
  });
});

const weaponTable = {
  id: 'weapon',
  title: 'Weapon',
  dimensions: [{ name: 'weapon', label: 'Weapon', values: ['glass', 'bottle'], valueLabels: { glass: 'Glass', bottle: 'Bottle' } }],
  cells: [
    { keys: { weapon: 'glass' }, value: 15, display: '15', status: 'rounded' as const },
    { keys: { weapon: 'bottle' }, value: null, display: '*', status: 'primary_suppressed' as const },
    { keys: { weapon: TOTAL }, value: 20, display: '20', status: 'rounded' as const },
  ],
};

describe('protected tables', () => {
  it('an HTML table shows each cell as the release displays it, with its keys and status', () => {
    const text = renderTable(weaponTable, { rows: 'weapon' }).text;
    expect(text).toContain(`data-keys="{&#34;weapon&#34;:&#34;bottle&#34;}" data-status="primary_suppressed">*</td>`);
    expect(text).toContain('>Total</th>');
    expect(text).toContain('>20</td>');
  });

  it('CSV has one row per cell, the total written as Total and a suppressed value left empty', () => {
    expect(protectedTableToCsv(weaponTable).split('\r\n')).toEqual([
      'weapon,weapon_label,value,display,status',
      'glass,Glass,15,15,rounded',
      'bottle,Bottle,,*,primary_suppressed',
      'Total,Total,20,20,rounded',
      '',
    ]);
  });

  it('a lookup of a cell the table does not have names the table and the keys', () => {
    expect(() => new ProtectedTableIndex(weaponTable).cell({ weapon: 'knife' })).toThrow('Table weapon has no cell ["knife"]');
  });
});

describe('figures derived from protected values', () => {
  it.each([
    ['a published count over the population', cell(15), 1500, 10, '10.0'],
    ['a count under the minimum is not shown', cell(9), 1500, 10, 'not shown'],
    ['a suppressed count gives no rate', cell(null), 1500, 10, 'not shown'],
    ['a zero is a zero rate', cell(0), 1500, 10, '0'],
    ['no population, no rate', cell(40), undefined, 10, 'no population'],
    ['a policy without a minimum shows every rate', cell(3), 1500, null, '2.0'],
  ])('%s', (_, count, population, minimum, expected) => {
    expect(ratePer1000(count, population, minimum).display).toBe(expected);
  });

  it.each([
    [cell(110), cell(100), undefined, '+10%'],
    [cell(90), cell(100), undefined, '−10%'],
    [cell(100), cell(100), undefined, 'no change'],
    [cell(null), cell(100), undefined, 'not shown (a count is not published)'],
    [cell(5), cell(0), undefined, 'not comparable (none before)'],
    [cell(100), cell(0), 'not comparable (no extract received for that month)', 'not comparable (no extract received for that month)'],
  ])('%j against %j', (current, base, missing, expected) => {
    expect(describeChange('label', current, base, missing).change).toBe(expected);
  });

  it('a base period without extracts is reported as missing, not as zero', () => {
    // The table counts only months with data (2026-09, 2026-10); 2025-10 has none and is not in it.
    const trend = new ProtectedTableIndex({
      id: 'month-weapon',
      title: 'trend',
      dimensions: [{ name: 'month', label: 'Month', values: ['2026-09', '2026-10'] }],
      cells: [
        { keys: { month: '2026-09' }, value: 40, display: '40', status: 'published' },
        { keys: { month: '2026-10' }, value: 50, display: '50', status: 'published' },
        { keys: { month: TOTAL }, value: 90, display: '90', status: 'published' },
      ],
    });
    const rolling = new ProtectedTableIndex({
      id: 'rolling-years',
      title: 'rolling',
      dimensions: [{ name: 'period', label: 'Twelve months', values: ['previous-12', 'latest-12'] }],
      cells: [
        { keys: { period: 'previous-12' }, value: 0, display: '0', status: 'published' },
        { keys: { period: 'latest-12' }, value: 90, display: '90', status: 'published' },
        { keys: { period: TOTAL }, value: 90, display: '90', status: 'published' },
      ],
    });
    const coverage = new Coverage({
      receipts: ['2026-09', '2026-10'].map((period) => ({ siteCode: 'RX1', period, version: 1, fileName: `RX1_${period}.csv`, receivedAt: `${period}-28T09:00:00Z`, rowsAccepted: 10 })),
      refusals: [],
      sites: [{ code: 'RX1', name: 'One' }],
      defaultDueDay: 5,
      now: new Date('2026-11-20T12:00:00Z'),
    });
    const changes = monthlyChanges('2026-10', trend, rolling, coverage);
    expect(changes.map((change) => change.change)).toEqual(['+25%', 'not comparable (Oct 25 has no data)', 'not comparable (22 of 24 months partial or without data)']);
    expect(changes[1]!.base).toBe('no data');
    expect(changes[2]!.base).toBe('no data');
  });
});

describe('map legends', () => {
  it.each([
    [[0], true, ['0']],
    [[0, 13, 26, 39], true, ['0', '1–13', '14–26', '27–39', 'over 39']],
    [[0, 1, 2, 3], true, ['0', '1', '2', '3', 'over 3']],
    [[0, 2.5, 5, 7.5], false, ['0', '0–2.5', '2.5–5', '5–7.5', 'over 7.5']],
  ])('breaks %j', (breaks, whole, expected) => {
    expect(legendClasses(breaks, whole).map((entry) => entry.text)).toEqual(expected);
  });

  it.each([
    ['premises/../../etc', 'premises-etc'],
    ['hgy-osm-node/477938811', 'hgy-osm-node-477938811'],
    ["The King's Head", 'the-king-s-head'],
  ])('premises id %j is the file name %j', (id, expected) => {
    expect(premisesFileName(id)).toBe(expected);
  });
});

describe.skipIf(!haveSharedData)('choropleth from the real Haringey LSOA boundaries', () => {
  const boundaries = () => JSON.parse(readFileSync(path.join(haringeyDirectory, 'lsoa_2011.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;

  function pathExtents(svg: string): Array<{ code: string; minX: number; maxX: number; minY: number; maxY: number }> {
    return [...svg.matchAll(/<path data-lsoa="([^"]+)" data-display="[^"]*" d="([^"]+)"/g)].map(([, code, d]) => {
      const numbers = [...d!.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
      const xs = numbers.filter((_, i) => i % 2 === 0);
      const ys = numbers.filter((_, i) => i % 2 === 1);
      return { code: code!, minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
    });
  }

  it.each([
    ['as published (RFC 7946: counter-clockwise exterior rings)', (rings: Position[][]) => rings],
    ['with every ring reversed', (rings: Position[][]) => rings.map((ring) => [...ring].reverse())],
  ])('%s: one path per LSOA, every one inside the frame', (_, wind) => {
    const collection = boundaries();
    for (const feature of collection.features) {
      if (feature.geometry.type === 'Polygon') feature.geometry.coordinates = wind(feature.geometry.coordinates);
      else feature.geometry.coordinates = feature.geometry.coordinates.map(wind);
    }
    const values = new Map<string, MapValue>(areaFromBoundaries(collection).map((lsoa, index) => [lsoa.code, { value: index % 5 === 0 ? null : index % 7, display: index % 5 === 0 ? '*' : String(index % 7) }]));
    const svg = renderChoropleth(collection, values, { title: 'test', unit: 'assaults', width: 640, height: 520 }).text;
    const extents = pathExtents(svg);
    expect(extents).toHaveLength(145);
    expect(new Set(extents.map((extent) => extent.code)).size).toBe(145);
    for (const extent of extents) {
      expect(extent.minX).toBeGreaterThanOrEqual(0);
      expect(extent.maxX).toBeLessThanOrEqual(640);
      expect(extent.minY).toBeGreaterThanOrEqual(0);
      expect(extent.maxY).toBeLessThanOrEqual(520);
      // A real LSOA, not the whole frame: no shape spans the map.
      expect(extent.maxX - extent.minX).toBeLessThan(320);
    }
    expect(svg.match(/<path data-lsoa="[^"]+"[^>]*fill="url\(#suppressed-hatch\)"/g)?.length).toBe(29);
  });

  it('reads names, wards, boroughs and 2011 Census populations from the ONS properties', () => {
    expect(areaFromBoundaries(boundaries())[0]).toEqual({ code: 'E01001962', name: 'Haringey 004A', wardCode: 'E05000266', wardName: 'Alexandra', boroughName: 'Haringey', population: 1758 });
  });
});
