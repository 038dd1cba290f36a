import { describe, expect, it } from 'vitest';
import { siteSchema } from '../../src/config/sites.ts';
import { createRowSchema, validateRow, type RawRow } from '../../src/validate/row-schema.ts';

const site = siteSchema.parse({ code: 'RX1AA', name: 'Test ED', longitude: -0.07, latitude: 51.6, codeMappings: { weapon: { '03': 'knife_or_sharp' } } });
const schema = createRowSchema({ sites: new Map([[site.code, site]]), defaultSiteCode: 'RX1AA', today: '2026-11-23' });

const good: RawRow = {
  site_code: 'RX1AA',
  attendance_id: 'A1',
  arrival_datetime: '22/11/2026 23:40',
  assault_datetime: '22/11/2026 23:15',
  assault_method: 'punched',
  location_type: 'street',
  location_description: 'o/s spoons high rd',
  age: '24',
  sex: 'M',
  alcohol_involved: 'Y',
};

function check(overrides: RawRow) {
  return validateRow(schema, 'x.csv', 7, { ...good, ...overrides }, {});
}

describe('a row that keeps the contract is accepted and typed', () => {
  it('maps codes to categories and dates to local date-times', () => {
    const { row, issues } = check({});
    expect(issues).toEqual([]);
    expect(row).toMatchObject({
      line: 7, siteCode: 'RX1AA', weapon: 'body', locationType: 'street', age: 24, sex: 'male', alcoholInvolved: true,
      assault: { date: '2026-11-22', time: '23:15' }, arrival: { date: '2026-11-22', time: '23:40' },
    });
  });

  it.each([
    ['broken bottle', 'bottle'],
    ['Glassed', 'glass'],
    ['stabbed with kitchen knife', 'knife_or_sharp'],
    ['03', 'knife_or_sharp'],
    ['BASEBALL BAT', 'blunt_object'],
    ['unknown', 'unknown'],
  ])('assault method %s is %s', (method, weapon) => {
    expect(check({ assault_method: method }).row?.weapon).toBe(weapon);
  });

  it('reads split date and time columns', () => {
    const { row } = check({ assault_datetime: undefined, assault_date: '2026-11-22', assault_time: '21:05' });
    expect(row?.assault).toEqual({ date: '2026-11-22', time: '21:05' });
  });

  it('takes the site from the file name when the column is missing', () => {
    expect(check({ site_code: '' }).row?.siteCode).toBe('RX1AA');
  });
});

describe('a row missing a mandatory item is rejected, with the field and what was expected', () => {
  it.each([
    ['no assault date', { assault_datetime: '' }, 'assault_datetime', 'required'],
    ['an unreadable assault date', { assault_datetime: '31/02/2026' }, 'assault_datetime', 'invalid_date'],
    ['no assault method', { assault_method: ' ' }, 'assault_method', 'required'],
    ['no location type', { location_type: '' }, 'location_type', 'required'],
    ['an assault after arrival', { assault_datetime: '23/11/2026 01:00' }, 'assault_datetime', 'assault_after_arrival'],
    ['a future assault', { assault_datetime: '01/12/2026 10:00', arrival_datetime: '' }, 'assault_datetime', 'future_date'],
    ['a site not in the config', { site_code: 'ZZ9ZZ' }, 'site_code', 'unknown_site'],
    ['a malformed site code', { site_code: 'rx-1' }, 'site_code', 'invalid_site_code'],
  ])('%s', (_name, overrides, field, code) => {
    const { row, issues } = check(overrides as RawRow);
    expect(row).toBeNull();
    expect(issues[0]).toMatchObject({ file: 'x.csv', line: 7, field, code, severity: 'error' });
    expect(issues[0]!.message).toContain(field);
  });
});

describe('an unreadable optional item is a warning; the value is dropped and the row kept', () => {
  it.each([
    ['age 340', { age: '340' }, 'age', 'out_of_range'],
    ['age in words', { age: 'adult' }, 'age', 'invalid_number'],
    ['sex as a sentence', { sex: 'prefers not to say anything' }, 'sex', 'invalid_code'],
    ['alcohol maybe', { alcohol_involved: 'maybe' }, 'alcohol_involved', 'invalid_code'],
    ['an unknown weapon word', { assault_method: 'saucepan' }, 'assault_method', 'unrecognised_code'],
  ])('%s', (_name, overrides, field, code) => {
    const { row, issues } = check(overrides as RawRow);
    expect(row).not.toBeNull();
    expect(issues).toEqual([expect.objectContaining({ field, code, severity: 'warning' })]);
  });
});

describe('errors never quote identifiers or free text', () => {
  it.each([
    ['an NHS number typed into the date column', { assault_datetime: '485 777 3456' }],
    ['a phone number typed into the date column', { assault_datetime: '07700900123' }],
    ['a name typed into the age column', { age: 'John Smith' }],
  ])('%s', (_name, overrides) => {
    const { issues } = check(overrides as RawRow);
    const text = JSON.stringify(issues);
    expect(text).not.toMatch(/485 777 3456|07700900123|John Smith/);
  });
});

describe('a code that no list knows, in a mandatory coded item, rejects the row', () => {
  it.each([
    ['assault_method', { assault_method: '77' }],
    ['location_type', { location_type: '42' }],
  ])('%s', (field, overrides) => {
    const { row, issues } = check(overrides as RawRow);
    expect(row).toBeNull();
    expect(issues[0]).toMatchObject({ field, code: 'unrecognised_code', severity: 'error' });
  });
});
