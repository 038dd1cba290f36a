import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAliases, readAliases } from '../../src/geocode/gazetteer/read-aliases.ts';
import type { PlaceRecord } from '../../src/geocode/gazetteer/types.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'istv-aliases-'));
const file = (name: string, text: string): string => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};
const place = (id: string, name: string, kind: PlaceRecord['kind'], category: string): PlaceRecord =>
  ({ id, name, kind, category, longitude: -0.1, latitude: 51.6, source: 'test' }) as PlaceRecord;

describe('local aliases (istv gazetteer build --aliases)', () => {
  it('attaches an alias to the places of that name, narrowed by kind or category', () => {
    const places = [place('p1', 'Alexandra Palace', 'landmark', 'park'), place('s1', 'Alexandra Palace', 'landmark', 'station'), place('x', 'The Mossy Well', 'premises', 'pub')];
    const { file: name, rows } = readAliases(file('a.csv', 'alias,place_name,kind\nally pally,Alexandra Palace,park\nthe well,mossy well,\n'));
    applyAliases(places, name, rows);
    expect(places.map((p) => p.aliases ?? [])).toEqual([['ally pally'], [], ['the well']]);
  });

  it.each([
    ['an alias naming no place', 'alias,place_name\nthe lane,Nowhere Stadium\n', 'b.csv: line 2: no place in the gazetteer is named "Nowhere Stadium"'],
    ['a row without its place name', 'alias,place_name\nthe lane,\n', 'b.csv: line 2 needs an alias and a place_name'],
    ['a file without the columns', 'nick,where\na,b\n', 'b.csv: unrecognised columns'],
  ])('refuses %s, naming the file and line', (_behaviour, text, message) => {
    expect(() => {
      const { file: name, rows } = readAliases(file('b.csv', text));
      applyAliases([place('p1', 'Alexandra Palace', 'landmark', 'park')], name, rows);
    }).toThrow(message);
  });
});
