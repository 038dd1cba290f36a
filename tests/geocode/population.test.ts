/**
 * `istv gazetteer build --population`: residents by LSOA from the CSVs ONS
 * publishes (mid-year estimates one row per LSOA; Census 2021 long by age
 * group), stored with the gazetteer's LSOAs, with the LSOAs that have none
 * named in a warning.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGazetteer, populationWarnings } from '../../src/geocode/gazetteer/build.ts';
import { readPopulation } from '../../src/geocode/gazetteer/read-population.ts';
import { hasSharedData, sharedDataDir } from './shared-data.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'istv-population-'));
function csv(name: string, text: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

describe('reading population by LSOA', () => {
  it.each([
    {
      name: 'mid-year estimates, one row per LSOA with All Ages and single years (thousands separators allowed)',
      text: 'LSOA Code,LSOA Name,All Ages,0,1,90+\nE01000001,City of London 001A,"1,465",10,12,3\nE01000002,City of London 001B,1436,9,8,2\n',
      expected: { E01000001: 1465, E01000002: 1436 },
    },
    {
      name: 'mid-2022 estimates with LSOA 2021 Code and Total, and a LAD row among them',
      text: 'LAD 2021 Code,LAD 2021 Name,LSOA 2021 Code,LSOA 2021 Name,Total,F0,M0\nE09000014,Haringey,E09000014,Haringey,264000,1,1\nE09000014,Haringey,E01001962,Haringey 004A,1700,10,11\n',
      expected: { E01001962: 1700 },
    },
    {
      name: 'single-year columns only: summed',
      text: 'Area Codes,Area Names,0,1,2\nE01000001,A,10,20,30\n',
      expected: { E01000001: 60 },
    },
    {
      name: 'Census 2021 long by age group: the six groups summed',
      text: '"lsoa21cd","lsoa21nm","age_group","usual_residents"\n"E01000006","B 016A","Aged 15 years and under",414\n"E01000006","B 016A","Aged 16 to 24 years",222\n"E01000007","B 015A","Aged 15 years and under",5\n',
      expected: { E01000006: 636, E01000007: 5 },
    },
    {
      name: 'long with a Total category: the total is taken, not added to the groups',
      text: 'geography code,Age,Observation\nE01000001,Total,100\nE01000001,Aged 0 to 15,40\nE01000001,Aged 16 and over,60\n',
      expected: { E01000001: 100 },
    },
    {
      name: 'long by sex and age with all-persons subtotals: only the detail rows are summed',
      text: 'lsoa21cd,sex,age_group,count\nE01000001,Female,Aged 0 to 15,10\nE01000001,Male,Aged 0 to 15,12\nE01000001,Female,All ages,10\n',
      expected: { E01000001: 22 },
    },
  ])('$name', ({ text, expected }) => {
    const result = readPopulation(csv('population.csv', text));
    expect(Object.fromEntries(result.population)).toEqual(expected);
  });

  it.each([
    { name: 'a count that is not a whole number names file, line and column', text: 'lsoa21cd,usual_residents\nE01000001,12.5\n', error: 'population.csv: line 2, column usual_residents: expected a whole number of residents' },
    { name: 'an LSOA given twice', text: 'lsoa21cd,usual_residents\nE01000001,12\nE01000001,13\n', error: 'population.csv: line 3: LSOA E01000001 appears twice' },
    { name: 'an age group given twice', text: 'lsoa21cd,age_group,usual_residents\nE01000001,Aged 16 to 24 years,12\nE01000001,Aged 16 to 24 years,13\n', error: 'line 3: LSOA E01000001 and Aged 16 to 24 years appear twice' },
    { name: 'no LSOA code column', text: 'ward,usual_residents\nE05000001,12\n', error: 'expected an LSOA code column' },
    { name: 'no count column', text: 'lsoa21cd,lsoa21nm\nE01000001,A\n', error: 'expected a count column' },
  ])('refuses $name', ({ text, error }) => {
    expect(() => readPopulation(csv('population.csv', text))).toThrow(error);
  });
});

describe.skipIf(!hasSharedData)('the gazetteer with the Census 2021 population of both boroughs', () => {
  const lsoa = (borough: string, year: string) => path.join(sharedDataDir, borough, `lsoa_${year}.geojson`);
  const population = (borough: string) => path.join(sharedDataDir, borough, 'population_census2021_lsoa.csv');
  const boroughs = ['haringey', 'barking_and_dagenham'];

  it('stores every LSOA its residents, adding up to the published borough totals, with no warning', () => {
    const built = buildGazetteer({ lsoa: boroughs.map((borough) => lsoa(borough, '2021')), population: boroughs.map(population) });
    const total = (lad: string) => built.lsoas.filter((entry) => entry.ladName === lad).reduce((sum, entry) => sum + (entry.population ?? 0), 0);
    expect(total('Haringey')).toBe(264_211);
    expect(total('Barking and Dagenham')).toBe(218_878);
    expect(built.lsoas.every((entry) => entry.population !== null)).toBe(true);
    expect(built.sources.filter((source) => source.role === 'population').map((source) => source.records)).toEqual([147, 115]);
    expect(populationWarnings(built)).toEqual([]);
  });

  it('names the LSOAs left without a population when one borough\'s file is missing', () => {
    const built = buildGazetteer({ lsoa: boroughs.map((borough) => lsoa(borough, '2021')), population: [population('haringey')] });
    const warnings = populationWarnings(built);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('115 of 262 LSOAs');
    expect(warnings[0]).toContain('E01000006');
    expect(warnings[0]).not.toContain('E01001962');
  });

  it('says rates cannot be computed when 2021 boundaries come without any population', () => {
    const built = buildGazetteer({ lsoa: [lsoa('haringey', '2021')] });
    expect(populationWarnings(built)[0]).toMatch(/No LSOA has a population.*rates per resident cannot be computed/);
  });

  it('a population file replaces the 2011 census count of the boundaries, and names the 2011 LSOAs it does not cover', () => {
    const built = buildGazetteer({ lsoa: [lsoa('haringey', '2011')], population: [population('haringey')] });
    expect(populationWarnings(built)[0]).toMatch(/^Rates per resident cannot be computed for 2 of 145 LSOAs, which have no population: E01\d{6}, E01\d{6}\.$/);
  });
});
