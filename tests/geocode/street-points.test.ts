/**
 * Street records of later sources continue the streets of earlier ones: their
 * points join the record they continue, a stretch only a later source has, near
 * a street an earlier source names, is not a second street, and a far one is.
 * One-point records of one source are points of one street, which stands at
 * the middle of them.
 */
import { describe, expect, it } from 'vitest';
import { joinStreetRecords } from '../../src/geocode/gazetteer/street-points.ts';
import type { PlaceRecord } from '../../src/geocode/gazetteer/types.ts';

// About 69 m per 0.001° of longitude at this latitude, 111 m per 0.001° of latitude.
const LATITUDE = 51.55;
const street = (id: string, name: string, longitude: number, points?: Array<[number, number]>): PlaceRecord => ({
  id,
  kind: 'street',
  name,
  category: 'road',
  longitude,
  latitude: LATITUDE,
  ...(points ? { points } : {}),
  source: 'test',
});

/** [behaviour, records of file 1, records of file 2, ids dropped, id → number of points afterwards] */
type Case = [string, PlaceRecord[], PlaceRecord[], string[], Record<string, number>];

const cases: Case[] = [
  ['a later record within a kilometre gives its points to the street it continues', [street('a', 'Mill Road', 0)], [street('b', 'Mill Road', 0.01, [[0.01, LATITUDE], [0.012, LATITUDE]])], ['b'], { a: 3 }],
  ['names are matched whatever the apostrophes and capitals', [street('a', "St Ann's Road", 0)], [street('b', 'ST ANNS ROAD', 0.005)], ['b'], { a: 2 }],
  ['a later stretch between one and two kilometres off is not a second street, and lends no points', [street('a', 'Mill Road', 0)], [street('b', 'Mill Road', 0.022)], ['b'], { a: 1 }],
  ['a later stretch far off is another street of the name', [street('a', 'Mill Road', 0)], [street('b', 'Mill Road', 0.06)], [], { a: 1, b: 1 }],
  ['another name is never joined', [street('a', 'Mill Road', 0)], [street('b', 'Mill Lane', 0.001)], [], { a: 1, b: 1 }],
  [
    'records of one source that say how far they run are kept as that source splits them',
    [street('a', 'Mill Road', 0, [[0, LATITUDE], [0.001, LATITUDE]]), street('a2', 'Mill Road', 0.008, [[0.008, LATITUDE], [0.009, LATITUDE]])],
    [],
    [],
    { a: 2, a2: 2 },
  ],
  ['one-point records of one source (a bus stop each) are points of one street', [street('s1', 'Mill Road', 0), street('s2', 'Mill Road', 0.005), street('s3', 'Mill Road', 0.01)], [], ['s2', 's3'], { s1: 3 }],
  [
    'a later record bridging two stretches joins them into one street of the first source',
    [street('a', 'Mill Road', 0)],
    [street('b', 'Mill Road', 0.012, [[0.012, LATITUDE], [0.026, LATITUDE]]), street('c', 'Mill Road', 0.04)],
    ['b', 'c'],
    { a: 4 },
  ],
];

describe('joining street records of several sources', () => {
  it.each(cases)('%s', (_behaviour, first, second, dropped, pointCounts) => {
    const records = [...first.map((record) => ({ record, order: 1 })), ...second.map((record) => ({ record, order: 2 }))];
    const merged = joinStreetRecords(records);
    expect(merged.map((record) => record.id).sort()).toEqual([...dropped].sort());
    for (const [id, count] of Object.entries(pointCounts)) {
      const record = records.find((entry) => entry.record.id === id)!.record;
      expect(record.points?.length ?? 1).toBe(count);
    }
  });

  it('puts a street made of one-point records at the middle of its points', () => {
    const stops = [street('s1', 'Mill Road', 0), street('s2', 'Mill Road', 0.005), street('s3', 'Mill Road', 0.01)];
    joinStreetRecords(stops.map((record) => ({ record, order: 1 })));
    expect([stops[0]!.longitude, stops[0]!.latitude]).toEqual([0.005, LATITUDE]);
  });
});
