import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeToPremises, nearbyContext, premisesFromStore, type PremisesPoint } from '../../src/aggregate/premises.ts';
import { metresApart } from '../../src/lib/distance.ts';
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

describe('attributing assaults to premises: only a text that names the premises counts', () => {
  let fixture: FixtureStore;
  // [case, record, premises it counts for, inside/outside; or the premises it is context for, as "context"]
  const cases: Array<[string, FixtureRecord, string | null, string | null]> = [
    ['matched, recorded inside licensed premises', { date: '2026-10-02', locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: barAndKitchen.id, matchedName: barAndKitchen.name, ...barAndKitchen }, barAndKitchen.id, 'inside'],
    ['matched, recorded as the street', { date: '2026-10-03', locationType: 'street', geocodeOutcome: 'premises', matchedId: barAndKitchen.id, matchedName: barAndKitchen.name, ...barAndKitchen }, barAndKitchen.id, 'outside'],
    ['o/s the pub, recorded as licensed premises', { date: '2026-10-03', locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: barAndKitchen.id, matchedName: barAndKitchen.name, ...barAndKitchen }, barAndKitchen.id, 'outside'],
    ['matched to another record of the same premises (its FSA entry)', { date: '2026-10-03', locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: 'hgy-fhrs-bar-and-kitchen', matchedName: 'Bar & Kitchen', ...barAndKitchen }, barAndKitchen.id, 'inside'],
    ['a junction 30 m away is context, never counted', { date: '2026-10-04', locationType: 'street', geocodeOutcome: 'junction', ...eastOf(barAndKitchen, 30) }, barAndKitchen.id, 'context'],
    ['a station 40 m away is context, never counted', { date: '2026-10-04', locationType: 'public_transport', geocodeOutcome: 'landmark', ...eastOf(barAndKitchen, -40) }, barAndKitchen.id, 'context'],
    ['a full postcode at the pub itself, recorded as licensed premises, is context', { date: '2026-10-04', locationType: 'licensed_premises', geocodeOutcome: 'postcode', ...barAndKitchen }, barAndKitchen.id, 'context'],
    ['a junction 80 m away is not even context', { date: '2026-10-05', locationType: 'street', geocodeOutcome: 'junction', ...eastOf(barAndKitchen, -80) }, null, null],
    ['a street whose point is 20 m away is not context (it stands for the whole street)', { date: '2026-10-05', locationType: 'street', geocodeOutcome: 'street', ...eastOf(barAndKitchen, 20) }, null, null],
    ['a home 10 m away is never context', { date: '2026-10-06', locationType: 'home', geocodeOutcome: 'postcode', ...eastOf(barAndKitchen, 10) }, null, null],
    ['a named café 20 m away is not passed on to the pub', { date: '2026-10-08', locationType: 'other_commercial', geocodeOutcome: 'premises', matchedId: 'hgy-fhrs-1', matchedName: 'Chicken Spot', ...eastOf(barAndKitchen, 20) }, null, null],
    ['outside the months asked for', { date: '2026-08-09', locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: barAndKitchen.id, matchedName: barAndKitchen.name, ...barAndKitchen }, null, null],
  ];
  const withRecords: PremisesPoint = { ...barAndKitchen, recordIds: [barAndKitchen.id, 'hgy-fhrs-bar-and-kitchen'] };

  beforeAll(() => {
    fixture = createFixtureStore();
    // Each record's location text is its case name, to find it again.
    const records = (month: string) => cases.filter(([, record]) => record.date.startsWith(month)).map(([name, record]) => ({ ...record, locationText: name }));
    fixture.addExtract('RKEQ4', '2026-10', records('2026-10'));
    fixture.addExtract('RKEQ4', '2026-08', records('2026-08'));
  });
  afterAll(() => fixture.close());

  it.each(cases)('%s', (name, _record, premisesId, how) => {
    const counted = attributeToPremises(fixture.store, ['2026-09', '2026-10'], [withRecords, eastPub])
      .filter((assault) => assault.locationText === name)
      .map((assault) => [assault.premisesId, assault.how]);
    if (premisesId === null || how === 'context') expect(counted).toEqual([]);
    else expect(counted).toEqual([[premisesId, how]]);
  });

  it('counts exactly the assaults whose text named the premises, no more', () => {
    const found = attributeToPremises(fixture.store, ['2026-09', '2026-10'], [withRecords, eastPub]);
    expect(found.map((assault) => [assault.locationText, assault.premisesId, assault.how]).sort()).toEqual(
      cases.filter(([, , id, how]) => id !== null && how !== 'context').map(([name, , id, how]) => [name, id, how]).sort(),
    );
  });

  it('keeps the context apart: every precise other place within the distance, for each premises it is near', () => {
    const nearby = nearbyContext(fixture.store, ['2026-09', '2026-10'], [withRecords, eastPub], 50);
    expect(nearby.filter((entry) => entry.premisesId === barAndKitchen.id).map((entry) => entry.namedKind).sort()).toEqual(['junction', 'landmark', 'postcode']);
    expect(nearby.filter((entry) => entry.premisesId === eastPub.id)).toEqual([]);
  });

  it('without a gazetteer, the premises are those the geocoder matched, at their point', () => {
    expect(premisesFromStore(fixture.store).map((entry) => entry.id)).toEqual(['hgy-fhrs-1', 'hgy-fhrs-bar-and-kitchen', barAndKitchen.id]);
  });

  it('rejects a negative context distance, naming it', () => {
    expect(() => nearbyContext(fixture.store, ['2026-10'], [barAndKitchen], -5)).toThrow('Unexpected nearMetres value: -5');
  });

  it('refuses a candidate list in which two premises claim one record', () => {
    expect(() => attributeToPremises(fixture.store, ['2026-10'], [withRecords, { ...eastPub, recordIds: [eastPub.id, barAndKitchen.id] }])).toThrow(/belongs to two premises/);
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
    expect(Math.round(metresApart(barAndKitchen, eastOf(barAndKitchen, offset)))).toBe(expected);
  });
});
