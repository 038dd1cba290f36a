import { describe, expect, it } from 'vitest';
import { mapHeader } from '../../src/validate/header.ts';

const canonical = 'site_code,attendance_id,arrival_datetime,assault_datetime,assault_method,assault_method_other,location_type,location_description,assailant_count,assailant_relationship,reported_to_police,wants_police_informed,age,sex,alcohol_involved'.split(',');

function targets(headers: string[], options = {}) {
  const result = mapHeader(headers, options);
  if (!result.ok) throw new Error(result.problem.message);
  return result.mapping.columns.map((c) => (c.target.kind === 'canonical' ? c.target.field : c.target.kind === 'identifier' ? `id:${c.target.field}` : 'dropped'));
}

describe('mapHeader understands the hospital header', () => {
  it('maps the canonical header to itself', () => {
    expect(targets(canonical)).toEqual(canonical);
  });

  it('recognises common aliases, whatever their case and punctuation', () => {
    expect(targets(['Site Code', 'Attendance No.', 'Date of Incident', 'Time of Incident', 'Weapon', 'Type of Location', 'WHERE', 'Arrival Date', 'Arrival Time'])).toEqual([
      'site_code', 'attendance_id', 'assault_date', 'assault_time', 'assault_method', 'location_type', 'location_description', 'arrival_date', 'arrival_time',
    ]);
  });

  it('recognises identifier columns so that they can be dropped', () => {
    expect(targets(['NHS Number', 'D.O.B', 'Patient Name', 'Postcode', 'Mobile', 'MRN', 'assault_datetime', 'assault_method', 'location_type'])).toEqual([
      'id:nhsNumber', 'id:dateOfBirth', 'id:patientName', 'id:patientPostcode', 'id:phone', 'id:hospitalNumber', 'assault_datetime', 'assault_method', 'location_type',
    ]);
  });

  it("applies a site's own mapping first", () => {
    expect(targets(['Inc Dt', 'Wpn', 'LocTyp', 'Free'], { columnMapping: { 'Inc Dt': 'assault_datetime', Wpn: 'assault_method', LocTyp: 'location_type', Free: 'location_description' } })).toEqual([
      'assault_datetime', 'assault_method', 'location_type', 'location_description',
    ]);
  });

  it('drops columns outside the contract and names them', () => {
    const result = mapHeader([...canonical, 'Triage category', 'Discharge destination']);
    expect(result.ok && result.mapping.droppedColumns).toEqual(['Triage category', 'Discharge destination']);
  });

  it.each([
    ['the same name twice', ['assault_datetime', 'assault_method', 'assault_datetime', 'location_type'], 'assault_datetime', [1, 3]],
    ['a name and its alias', ['assault_datetime', 'Incident Date Time', 'assault_method', 'location_type'], 'assault_datetime', [1, 2]],
    ['two aliases', ['assault_datetime', 'Weapon', 'assault_method', 'location_type'], 'assault_method', [2, 3]],
  ])('refuses a header with one field twice (%s), naming the field and the columns', (_name, headers, field, columns) => {
    const result = mapHeader(headers);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.duplicate).toEqual({ field, columns });
    expect(result.problem.message).toContain(`Columns ${columns.join(' and ')} are both ${field}`);
  });

  it.each([
    ['no assault date', ['assault_method', 'location_type'], ['assault date (assault_datetime, or assault_date)']],
    ['no method or location type', ['assault_datetime', 'location'], ['assault method (assault_method)', 'location type (location_type)']],
    ['a data row read as a header', ['RX1AA', '123', '22/11/2026 23:15', 'punched'], ['assault date (assault_datetime, or assault_date)', 'assault method (assault_method)', 'location type (location_type)']],
  ])('refuses a header with %s, naming what is missing', (_name, headers, missing) => {
    const result = mapHeader(headers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.missing).toEqual(missing);
  });
});
