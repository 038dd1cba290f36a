import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredProvenance } from '../../src/geocode/gazetteer/provenance.ts';
import type { GazetteerSource } from '../../src/geocode/gazetteer/types.ts';
import { attributeHtml, attributionFromSources, attributionText, attributeFiles } from '../../src/report/attribution.ts';
import { haveSharedData, sharedDataDirectory } from './scenario.ts';

const source = (role: GazetteerSource['role'], format: string, extra: Partial<GazetteerSource> = {}): GazetteerSource => ({ role, file: `area/${role}.x`, format, records: 1, skipped: 0, ...extra });

describe('attribution is derived from the sources used', () => {
  it.each<[string, GazetteerSource[], string[], string[]]>([
    ['ONS boundaries: ONS and OS', [source('lsoa', 'ONS LSOA 2021 GeoJSON')], ['Office for National Statistics', 'Contains OS data © Crown copyright and database right 2026'], ['Royal Mail', 'OpenStreetMap']],
    ['postcodes: OS, Royal Mail, National Statistics', [source('postcodes', 'OS Code-Point Open')], ['Contains OS data', 'Contains Royal Mail data © Royal Mail copyright and database right 2026', 'Contains National Statistics data'], ['OpenStreetMap']],
    ['OS Open Names: the OS line', [source('open_names', 'OS Open Names CSV')], ['Contains OS data'], ['Royal Mail']],
    ['FSA register CSV', [source('premises', 'FSA food hygiene register CSV')], ['Food Standards Agency'], ['OpenStreetMap']],
    ['a declared OSM file: its own words', [source('premises', 'GeoJSON premises', { attribution: '© OpenStreetMap contributors, ODbL 1.0', licence: 'Open Database Licence 1.0' })], ['© OpenStreetMap contributors'], ['Crown copyright']],
    ['sites and aliases are the CSP\'s own: nothing', [source('sites', 'sites CSV'), source('aliases', 'alias CSV')], [], ['Crown', 'not recorded']],
    ['an undeclared GeoJSON of unknown origin: said to be unknown, not invented', [source('landmarks', 'GeoJSON landmarks')], ['area/landmarks.x are not recorded'], ['Crown', 'OpenStreetMap']],
  ])('%s', (_, sources, present, absent) => {
    const text = attributionText(attributionFromSources(sources, '2026'));
    for (const expected of present) expect(text).toContain(expected);
    for (const unexpected of absent) expect(text).not.toContain(unexpected);
  });

  it('each statement is given once, however many files share it', () => {
    const attribution = attributionFromSources([source('lsoa', 'ONS LSOA 2021 GeoJSON'), source('lsoa', 'ONS LSOA 2021 GeoJSON', { file: 'b/lsoa.geojson' }), source('postcodes', 'postcode CSV')], '2026');
    expect(attribution.statements.filter((statement) => statement.startsWith('Contains OS data'))).toHaveLength(1);
    expect(attribution.licences.map((licence) => licence.name)).toEqual(['Open Government Licence v3.0']);
  });

  it('pages get a section and a meta; GeoJSON and place CSVs get it in their metadata; other CSVs do not', () => {
    const attribution = attributionFromSources([source('lsoa', 'ONS LSOA 2021 GeoJSON')], '2026');
    const page = attributeHtml('<html><head><title>x</title></head><body><footer><h2>Method</h2></footer></body></html>', attribution);
    expect(page).toMatch(/<meta name="open-data-attribution" content="Source: Office for National Statistics[^"]*">\n<meta name="open-data-licences" content="Contains open data used under Open Government Licence[^"]*">\n<\/head>/);
    expect(page.indexOf('data-attribution')).toBeLessThan(page.indexOf('</footer>'));
    const files = attributeFiles(
      [
        { path: 'a.geojson', content: '{"type":"FeatureCollection","features":[]}' },
        { path: 'lsoa.csv', content: 'lsoa,value\r\nE01,3\r\n' },
        { path: 'lsoa.csv-metadata.json', content: '{\n  "url": "lsoa.csv"\n}' },
        { path: 'weekday.csv', content: 'weekday,value\r\n1,3\r\n' },
        { path: 'weekday.csv-metadata.json', content: '{\n  "url": "weekday.csv"\n}' },
        { path: 'hotspots.csv', content: 'lsoa_code,count\r\nE01,3\r\n' },
      ],
      attribution,
      { title: (file) => file.path, methodStatement: 'method' },
    );
    const byPath = new Map(files.map((file) => [file.path, file.content]));
    expect(JSON.parse(byPath.get('a.geojson')!).attribution).toContain('Office for National Statistics');
    expect(JSON.parse(byPath.get('lsoa.csv-metadata.json')!)['dc:rights']).toContain('Office for National Statistics');
    expect(JSON.parse(byPath.get('weekday.csv-metadata.json')!)['dc:rights']).toBeUndefined();
    expect(JSON.parse(byPath.get('hotspots.csv-metadata.json')!)).toMatchObject({ 'dc:description': 'method', 'dc:license': ['https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'] });
  });
});

describe.skipIf(!haveSharedData)('terms the real files declare or show', () => {
  it.each([
    ['haringey/licensed_premises_osm_pubs.geojson', /OpenStreetMap contributors/],
    ['haringey/food_drink_premises_fhrs_2020.geojson', /Food Standards Agency/],
    ['haringey/landmarks_osm_2019.geojson', /OpenStreetMap contributors/],
    ['barking_and_dagenham/bus_stops_tfl_2021.geojson', /TfL Open Data/],
  ])('%s', (file, expected) => {
    expect(declaredProvenance(path.join(sharedDataDirectory, file)).attribution).toMatch(expected);
  });

  it('ONS boundaries declare nothing, so their format speaks for them', () => {
    expect(declaredProvenance(path.join(sharedDataDirectory, 'haringey', 'lsoa_2021.geojson'))).toEqual({});
  });
});
