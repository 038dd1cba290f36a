/**
 * The two shapes of an answer, built in one place: a placed answer has a point
 * and its LSOA, and an answer without a point carries its reason and, for
 * `ambiguous`, the competitors.
 */
import type { LocatedPlace } from './gazetteer/load.ts';
import type { PlacedOutcome, PlacedResult, UnplacedOutcome, UnplacedResult } from './types.ts';

const NO_POINT = { matchedId: null, matchedName: null, longitude: null, latitude: null, lsoaCode: null, wardCode: null } as const;

export function withoutPoint(outcome: UnplacedOutcome, method: string, candidates?: readonly string[]): UnplacedResult {
  const result: UnplacedResult = { outcome, method, confidence: 0, ...NO_POINT };
  if (candidates && candidates.length > 0) result.candidates = [...new Set(candidates)].sort();
  return result;
}

export type PointAnswer = Pick<PlacedResult, 'matchedId' | 'matchedName' | 'longitude' | 'latitude' | 'lsoaCode' | 'wardCode'>;

export function placedAt(outcome: PlacedOutcome, method: string, confidence: number, point: PointAnswer): PlacedResult {
  return { outcome, method, confidence, ...point };
}

/** Confidence as stored: two decimals, never 0 for a placed answer, never above 1. */
export const roundConfidence = (confidence: number): number => Math.round(Math.max(0.05, Math.min(1, confidence)) * 100) / 100;

export function placedAtPlace(outcome: PlacedOutcome, method: string, confidence: number, place: LocatedPlace): PlacedResult {
  return placedAt(outcome, method, roundConfidence(confidence), {
    matchedId: place.id,
    matchedName: place.name,
    longitude: place.longitude,
    latitude: place.latitude,
    lsoaCode: place.lsoaCode,
    wardCode: place.wardCode,
  });
}
