/**
 * Scores the geocoder on a labelled set. What each number stands on:
 * - precision by outcome: of the answers with that outcome, how many had the
 *   expected outcome (and, for a placed outcome, a right LSOA);
 * - precision by method: of the placed answers reached by that method, how many
 *   were in a right LSOA;
 * - coverage: of the texts that name a place, how many were placed;
 * - precision: of the placed answers to place-naming texts, how many were in a
 *   right LSOA; strict precision also counts every placed must-not-place text as
 *   a wrong answer;
 * - ambiguous recall: of the texts labelled ambiguous, how many were answered
 *   ambiguous (not placed, not no_match);
 * - must-not-place placed: texts labelled home, unknown, ambiguous or no_match
 *   that got a point; home and unknown ones are leaks that must never happen.
 */
import { GEOCODE_OUTCOMES, PLACED_OUTCOMES, type GeocodeOutcome, type GeocodeResult, type Geocoder } from '../types.ts';

export interface LabelledLocation {
  text: string;
  siteCode: string;
  expectedOutcome: GeocodeOutcome;
  /** Any of these LSOAs is right; empty for outcomes without a point. */
  expectedLsoas: string[];
  group: string;
}

export interface OutcomeScore {
  outcome: GeocodeOutcome;
  expected: number;
  predicted: number;
  correct: number;
  precision: number | null;
  recall: number | null;
}

export interface MethodScore {
  method: string;
  placed: number;
  right: number;
  precision: number | null;
}

export interface Miss {
  item: LabelledLocation;
  outcome: GeocodeOutcome;
  method: string;
  lsoa: string | null;
  matched: string | null;
}

export interface EvaluationReport {
  total: number;
  byOutcome: OutcomeScore[];
  byMethod: MethodScore[];
  byGroup: Array<{ group: string; total: number; right: number }>;
  placeNaming: number;
  answered: number;
  answeredShare: number;
  placedAll: number;
  rightLsoa: number;
  rightLsoaShare: number;
  strictPrecision: number;
  ambiguousExpected: number;
  ambiguousFound: number;
  ambiguousRecall: number | null;
  mustNotPlace: number;
  /** Must-not-place texts (home, unknown, ambiguous, no_match) that were given a point. */
  mustNotPlacePlaced: Miss[];
  /** Home or unknown strings that were given a point: must be none. */
  leaks: LabelledLocation[];
  wrong: Miss[];
  unanswered: Miss[];
}

export function parseExpectedOutcome(value: string): GeocodeOutcome {
  if (!(GEOCODE_OUTCOMES as readonly string[]).includes(value)) throw new Error(`Unexpected expected_outcome value: ${value}`);
  return value as GeocodeOutcome;
}

const isPlaced = (result: GeocodeResult): boolean => PLACED_OUTCOMES.has(result.outcome) || result.longitude !== null;

/** Whether an answer is what the label asks for: the outcome, and a right LSOA when placed. */
export function isRight(item: LabelledLocation, result: GeocodeResult): boolean {
  if (PLACED_OUTCOMES.has(item.expectedOutcome)) return isPlaced(result) && result.lsoaCode !== null && item.expectedLsoas.includes(result.lsoaCode);
  return result.outcome === item.expectedOutcome;
}

export function scoreGeocoder(geocoder: Geocoder, items: readonly LabelledLocation[]): EvaluationReport {
  const counts = new Map<GeocodeOutcome, { expected: number; predicted: number; correct: number }>(GEOCODE_OUTCOMES.map((o) => [o, { expected: 0, predicted: 0, correct: 0 }]));
  const methods = new Map<string, { placed: number; right: number }>();
  const groups = new Map<string, { total: number; right: number }>();
  let placeNaming = 0, answered = 0, placedAll = 0, rightLsoa = 0, ambiguousExpected = 0, ambiguousFound = 0, mustNotPlace = 0;
  const leaks: LabelledLocation[] = [];
  const mustNotPlacePlaced: Miss[] = [];
  const wrong: Miss[] = [];
  const unanswered: Miss[] = [];
  for (const item of items) {
    const result = geocoder.geocode({ text: item.text, siteCode: item.siteCode });
    const miss: Miss = { item, outcome: result.outcome, method: result.method, lsoa: result.lsoaCode, matched: result.matchedName };
    const right = isRight(item, result);
    const expectPlace = PLACED_OUTCOMES.has(item.expectedOutcome);
    const gotPlace = isPlaced(result);
    counts.get(item.expectedOutcome)!.expected++;
    counts.get(result.outcome)!.predicted++;
    // A placed outcome is correct when its point is in a right LSOA, whatever kind of place it named.
    if (result.outcome === item.expectedOutcome ? right : expectPlace && PLACED_OUTCOMES.has(result.outcome) && right) counts.get(result.outcome)!.correct++;
    const group = groups.get(item.group) ?? { total: 0, right: 0 };
    group.total++;
    if (right) group.right++;
    groups.set(item.group, group);
    if (gotPlace) {
      placedAll++;
      const m = methods.get(result.method) ?? { placed: 0, right: 0 };
      m.placed++;
      if (right) m.right++;
      methods.set(result.method, m);
    }
    if (item.expectedOutcome === 'ambiguous') {
      ambiguousExpected++;
      if (result.outcome === 'ambiguous') ambiguousFound++;
    }
    if (!expectPlace) {
      mustNotPlace++;
      if (gotPlace) {
        mustNotPlacePlaced.push(miss);
        if (item.expectedOutcome === 'home' || item.expectedOutcome === 'unknown') leaks.push(item);
      }
      continue;
    }
    placeNaming++;
    if (!gotPlace) unanswered.push(miss);
    else {
      answered++;
      if (right) rightLsoa++;
      else wrong.push(miss);
    }
  }
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  return {
    total: items.length,
    byOutcome: GEOCODE_OUTCOMES.map((outcome) => {
      const c = counts.get(outcome)!;
      return { outcome, ...c, precision: ratio(c.correct, c.predicted), recall: ratio(c.correct, c.expected) };
    }),
    byMethod: [...methods].map(([method, m]) => ({ method, ...m, precision: ratio(m.right, m.placed) })).sort((a, b) => b.placed - a.placed),
    byGroup: [...groups].map(([group, g]) => ({ group, ...g })).sort((a, b) => b.total - a.total),
    placeNaming,
    answered,
    answeredShare: placeNaming === 0 ? 0 : answered / placeNaming,
    placedAll,
    rightLsoa,
    rightLsoaShare: answered === 0 ? 0 : rightLsoa / answered,
    strictPrecision: placedAll === 0 ? 0 : rightLsoa / placedAll,
    ambiguousExpected,
    ambiguousFound,
    ambiguousRecall: ratio(ambiguousFound, ambiguousExpected),
    mustNotPlace,
    mustNotPlacePlaced,
    leaks,
    wrong,
    unanswered,
  };
}
