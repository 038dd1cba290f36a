/**
 * Which premises the licensing pack considers, on the real two-borough
 * gazetteer: licensed premises only, one premises however many sources know
 * it, the register's licence details on it, and same-named premises apart.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLicenceRegister } from '../../src/geocode/gazetteer/read-places.ts';
import { licensedPremises, namesAgree, premisesTitle } from '../../src/report/licensing/candidates.ts';
import { hasSharedData, sharedGazetteer } from '../geocode/shared-data.ts';

const DEFAULTS = { fhrsBusinessTypes: ['Pub/bar/nightclub'], osmAmenities: ['pub', 'bar', 'nightclub'] };

describe('names of one premises', () => {
  it.each([
    ['The Elbow Room', 'The Elbow Room', true],
    ['Mannions Prince Arthur', 'Mannions', true],
    ['The Beehive', 'The Beehive P.H', true],
    ['Kings Head Public House', "King's Head", true],
    ['The Beaconsfield', 'The Beaconfield Public House', true],
    ['RoundHouse', 'The Round House', true],
    ['The Victoria', 'The Two Brewers', false],
    ['The Ship', 'The Ship and Shovel', true],
    ['Station House', 'South Tottenham Station', false],
    ['Bar and Kitchen', 'JL Bar', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(namesAgree(a, b)).toBe(expected);
  });
});

describe.skipIf(!hasSharedData)('candidate premises from the real gazetteer', () => {
  const places = () => sharedGazetteer().places;

  it('joins the OpenStreetMap and food-hygiene records of one pub into one premises', () => {
    const premises = licensedPremises(places(), [], DEFAULTS);
    const elbow = premises.filter((entry) => entry.name === 'The Elbow Room');
    expect(elbow).toHaveLength(1);
    expect(elbow[0]!.recordIds!.length).toBeGreaterThanOrEqual(2);
    expect(elbow[0]).toMatchObject({ postcode: 'N17 6QA' });
    expect(elbow[0]!.address).toMatch(/503-505 High Road/);
  });

  it('keeps the two pubs called The Victoria apart, each with its own postcode', () => {
    const victorias = licensedPremises(places(), [], DEFAULTS).filter((entry) => entry.name === 'The Victoria');
    expect(victorias.map((entry) => entry.postcode).sort()).toEqual(['IG11 7LZ', 'N17 9TT']);
    expect(victorias.map(premisesTitle).sort()).toEqual(['The Victoria, 34 Scotland Green, N17 9TT', 'The Victoria, Axe Street, IG11 7LZ']);
  });

  it('leaves out cafés, takeaways and shops unless their type is listed', () => {
    const names = new Set(licensedPremises(places(), [], DEFAULTS).map((entry) => entry.name));
    expect(names.has('Cafe Station')).toBe(false);
    expect(names.has('KFC')).toBe(false);
    expect(names.has('The Starting Gate')).toBe(true);
    const withCafes = new Set(licensedPremises(places(), [], { ...DEFAULTS, fhrsBusinessTypes: ['Pub/bar/nightclub', 'Restaurant/Cafe/Canteen'] }).map((entry) => entry.name));
    expect(withCafes.has('Cafe Station')).toBe(true);
  });

  it('an empty FSA type list keeps only OpenStreetMap pubs, bars and nightclubs', () => {
    const premises = licensedPremises(places(), [], { ...DEFAULTS, fhrsBusinessTypes: [] });
    expect(premises.some((entry) => entry.name === 'Body Works Gym')).toBe(false);
    expect(premises.some((entry) => entry.name === 'The Elbow Room')).toBe(true);
  });

  it('a register row makes the premises it licenses a candidate and names it by its licence', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'istv-register-'));
    const file = path.join(folder, 'premises-licences.csv');
    writeFileSync(
      file,
      [
        'Premises Name,Premises Address,Post Code,Licence No,Hours Permitted,Licence Type',
        'Cafe Station,"6 Station Parade, Wood Green",N22 6BL,LN/2019/0042,Mon-Sun 07:00-23:00,Restaurant',
        'The Victoria,34 Scotland Green,N17 9TT,LN/2005/0117,"Mon-Thu 11:00-23:00; Fri-Sat 11:00-00:30",Public house',
        'No Place Bar,,ZZ99 9ZZ,LN/1/1,,Bar',
      ].join('\n'),
    );
    const gazetteer = sharedGazetteer();
    const register = readLicenceRegister(file, { hours: 'Hours Permitted' }, (postcode) => {
      const found = gazetteer.lookupPostcode(postcode);
      return found ? [found.longitude, found.latitude] : null;
    });
    expect(register.skipped).toBe(1);
    const premises = licensedPremises(gazetteer.places, register.records, DEFAULTS);
    const cafe = premises.find((entry) => entry.licenceNumber === 'LN/2019/0042')!;
    expect(cafe).toMatchObject({ id: 'register-LN/2019/0042', name: 'Cafe Station', postcode: 'N22 6BL', licensedHours: 'Mon-Sun 07:00-23:00' });
    // The café's food-hygiene record is one of its records: a text naming the café counts for it.
    expect(cafe.recordIds!.some((id) => id.includes('fhrs'))).toBe(true);
    const victoria = premises.find((entry) => entry.licenceNumber === 'LN/2005/0117')!;
    expect(victoria.recordIds!.length).toBeGreaterThanOrEqual(3);
    expect(victoria.licensedHours).toBe('Mon-Thu 11:00-23:00; Fri-Sat 11:00-00:30');
    // The Barking Victoria is not this licence.
    expect(premises.filter((entry) => entry.name === 'The Victoria' && entry.postcode === 'IG11 7LZ')).toHaveLength(1);
  });
});
