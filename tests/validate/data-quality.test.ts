import { describe, expect, it } from 'vitest';
import { DataQualityAccumulator } from '../../src/validate/data-quality.ts';
import type { ExtractRow } from '../../src/validate/types.ts';

function accepted(locationDescription: string | null): ExtractRow {
  return {
    line: 2, siteCode: 'RX1AA', attendanceId: null, arrival: null, assault: { date: '2026-10-22', time: '23:15' },
    assaultMethodText: 'punched', weapon: 'body', assaultMethodOther: null, locationTypeText: 'street', locationType: 'street',
    locationDescription, locationPostcode: null, locationPoint: null, assailantCount: null, assailantRelationship: null, reportedToPolice: null,
    wantsPoliceInformed: null, age: null, sex: null, alcoholInvolved: null, identifiers: {},
  };
}

describe('DataQualityAccumulator counts blank and "unknown" locations', () => {
  it.each([
    ['no location', null, 'blank'],
    ['punctuation only', ' -- ', 'blank'],
    ['"unknown"', 'unknown', 'unknown'],
    ['"N/K" in capitals', 'N/K', 'unknown'],
    ['"not stated" padded with spaces', '   not    stated   ', 'unknown'],
    ['"unknown" among control characters', `unknown${'\u0010'.repeat(12)}`, 'unknown'],
    ['a place', 'o/s the station', 'given'],
    ['a long place', 'smoking area of the brook inn, northbrook road', 'given'],
  ])('%s', (_name, location, expected) => {
    const quality = new DataQualityAccumulator([], []);
    quality.addRow(accepted(location), []);
    const result = quality.result();
    const counted = result.locationBlank === 1 ? 'blank' : result.locationUnknown === 1 ? 'unknown' : 'given';
    expect(counted).toBe(expected);
  });
});
