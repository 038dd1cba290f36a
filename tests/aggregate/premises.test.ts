import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeToPremises, metresBetween, premisesFromStore, type PremisesPoint } from '../../src/aggregate/premises.ts';
import { policeRecords } from '../../src/aggregate/records.ts';
import { createFixtureStore, type FixtureRecord, type FixtureStore } from '../report/fixtures.ts';

// Two real Haringey pubs (OpenStreetMap, ODbL): Bar and Kitchen, and a second point 120 m east of it.
const barAndKitchen: PremisesPoint = { id: 'hgy-osm-node-477938811', name: 'Bar and Kitchen', longitude: -0.13196, latitude: 51.593315 };
const eastPub: PremisesPoint = { id: 'hgy-osm-east', name: 'East Pub', longitude: -0.13023, latitude: 51.593315 };

/** A point `metres` east of a premises (west when negative). */
function eastOf(premises: PremisesPoint, metres: number): { longitude: number; latitude: number } {
  const degreesPerMetre = 1 / (111_320 * Math.cos((premises.latitude * Math.PI) / 180));
  return { longitude: premises.longitude + metres * degreesPerMetre, latitude: premises.latitude };
}

describe('attributing assaults to premises', () => {
  let fixture: FixtureStore;
  const cases: Array<[string, FixtureRecord, string | null, string | null]> = [
    ['matched, recorded inside licensed premises', { date: '2026-10-02', locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: barAndKitchen.id, matchedName: barAndKitchen.name, ...barAndKitchen }, barAndKitchen.id, 'inside'],
    ['matched, recorded as the street ("o/s")', { date: '2026-10-03', locationType: 'street', geocodeOutcome: 'premises', matchedId: barAndKitchen.id, matchedName: barAndKitchen.name, ...barAndKitchen }, barAndKitchen.id, 'outside'],
    ['a junction 30 m away', { date: '2026-10-04', locationType: 'street', geocodeOutcome: 'junction', ...eastOf(barAndKitchen, 30) }, barAndKitchen.id, 'near'],
    ['a bus stop 40 m away', { date: '2026-10-04', locationType: 'public_transport', geocodeOutcome: 'landmark', ...eastOf(barAndKitchen, -40) }, barAndKitchen.id, 'near'],
    ['a junction 80 m away is too far', { date: '2026-10-05', locationType: 'street', geocodeOutcome: 'junction', ...eastOf(barAndKitchen, -80) }, null, null],
    ["a street match whose representative point is 20 m away (it stands for the whole street)", { date: '2026-10-05', locationType: 'street', geocodeOutcome: 'street', ...eastOf(barAndKitchen, 20) }, null, null],
    ['a home 10 m away is never attributed', { date: '2026-10-06', locationType: 'home', geocodeOutcome: 'postcode', ...eastOf(barAndKitchen, 10) }, null, null],
    ['between two pubs the nearer wins', { date: '2026-10-07', locationType: 'street', geocodeOutcome: 'junction', ...eastOf(barAndKitchen, 75) }, eastPub.id, 'near'],
    ['a matched premises not among the candidates', { date: '2026-10-08', locationType: 'other_commercial', geocodeOutcome: 'premises', matchedId: 'hgy-fhrs-1', matchedName: 'Chicken Spot', longitude: -0.1, latitude: 51.6 }, null, null],
    ['outside the months asked for', { date: '2026-08-09', locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: barAndKitchen.id, matchedName: barAndKitchen.name, ...barAndKitchen }, null, null],
  ];

  beforeAll(() => {
    fixture = createFixtureStore();
    // Each record's location text is its case name, to find it again.
    const records = (month: string) => cases.filter(([, record]) => record.date.startsWith(month)).map(([name, record]) => ({ ...record, locationText: name }));
    fixture.addExtract('RKEQ4', '2026-10', records('2026-10'));
    fixture.addExtract('RKEQ4', '2026-08', records('2026-08'));
  });
  afterAll(() => fixture.close());

  it.each(cases)('%s', (name, _record, premisesId, how) => {
    const found = attributeToPremises(fixture.store, ['2026-09', '2026-10'], [barAndKitchen, eastPub], 50).filter((assault) => assault.locationText === name);
    if (premisesId === null) expect(found).toEqual([]);
    else expect(found.map((assault) => [assault.premisesId, assault.how])).toEqual([[premisesId, how]]);
  });

  it('attributes exactly the assaults the rules allow, no more', () => {
    const found = attributeToPremises(fixture.store, ['2026-09', '2026-10'], [barAndKitchen, eastPub], 50);
    expect(found.map((assault) => [assault.premisesId, assault.how]).sort()).toEqual(
      cases.filter(([, , id]) => id !== null).map(([, , id, how]) => [id, how]).sort(),
    );
  });

  it('without a gazetteer, the premises are those the geocoder matched, at their point', () => {
    expect(premisesFromStore(fixture.store).map((entry) => entry.id)).toEqual(['hgy-fhrs-1', barAndKitchen.id]);
  });

  it('rejects a negative distance, naming it', () => {
    expect(() => attributeToPremises(fixture.store, ['2026-10'], [barAndKitchen], -5)).toThrow('Unexpected nearMetres value: -5');
  });

  it('police records share no point for a home and carry no demographics', () => {
    const records = policeRecords(fixture.store, '2026-10');
    const home = records.find((record) => record.locationType === 'home')!;
    expect(home.longitude).toBeNull();
    expect(home.placeName).toBeNull();
    expect(Object.keys(records[0]!).sort()).toEqual(['assaultDate', 'assaultHour', 'geocodeOutcome', 'latitude', 'lsoaCode', 'locationType', 'longitude', 'placeName', 'ref', 'wardCode', 'weapon', 'weekday'].sort());
  });

  it.each([
    [30, 30],
    [-80, 80],
  ])('a point %d m east is %d m away', (offset, expected) => {
    expect(Math.round(metresBetween(barAndKitchen, eastOf(barAndKitchen, offset)))).toBe(expected);
  });
});
