/**
 * Scores the geocoder on a labelled set: per-outcome precision and recall, the
 * share of place-naming strings answered, the share of answers in a right LSOA,
 * and the strings that must never get a place (home, unknown) that did.
 */
import { GEOCODE_OUTCOMES, PLACED_OUTCOMES, type GeocodeOutcome, type Geocoder } from '../types.ts';

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

export interface EvaluationReport {
  total: number;
  byOutcome: OutcomeScore[];
  placeNaming: number;
  answered: number;
  answeredShare: number;
  rightLsoa: number;
  rightLsoaShare: number;
  /** Home or unknown strings that were given a point: must be none. */
  leaks: LabelledLocation[];
  /** Answers in a wrong LSOA, and place-naming strings left unanswered, for reading. */
  wrong: Array<{ item: LabelledLocation; outcome: GeocodeOutcome; lsoa: string | null; matched: string | null }>;
  unanswered: Array<{ item: LabelledLocation; outcome: GeocodeOutcome }>;
}

export function parseExpectedOutcome(value: string): GeocodeOutcome {
  if (!(GEOCODE_OUTCOMES as readonly string[]).includes(value)) throw new Error(`Unexpected expected_outcome value: ${value}`);
  return value as GeocodeOutcome;
}

export function scoreGeocoder(geocoder: Geocoder, items: readonly LabelledLocation[]): EvaluationReport {
  const counts = new Map<GeocodeOutcome, { expected: number; predicted: number; correct: number }>(GEOCODE_OUTCOMES.map((o) => [o, { expected: 0, predicted: 0, correct: 0 }]));
  let placeNaming = 0;
  let answered = 0;
  let rightLsoa = 0;
  const leaks: LabelledLocation[] = [];
  const wrong: EvaluationReport['wrong'] = [];
  const unanswered: EvaluationReport['unanswered'] = [];
  for (const item of items) {
    const result = geocoder.geocode({ text: item.text, siteCode: item.siteCode });
    counts.get(item.expectedOutcome)!.expected++;
    counts.get(result.outcome)!.predicted++;
    if (result.outcome === item.expectedOutcome) counts.get(result.outcome)!.correct++;
    const gotPlace = PLACED_OUTCOMES.has(result.outcome);
    if ((item.expectedOutcome === 'home' || item.expectedOutcome === 'unknown') && (gotPlace || result.longitude !== null)) leaks.push(item);
    if (!PLACED_OUTCOMES.has(item.expectedOutcome)) continue;
    placeNaming++;
    if (!gotPlace) {
      unanswered.push({ item, outcome: result.outcome });
      continue;
    }
    answered++;
    if (result.lsoaCode !== null && item.expectedLsoas.includes(result.lsoaCode)) rightLsoa++;
    else wrong.push({ item, outcome: result.outcome, lsoa: result.lsoaCode, matched: result.matchedName });
  }
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  return {
    total: items.length,
    byOutcome: GEOCODE_OUTCOMES.map((outcome) => {
      const c = counts.get(outcome)!;
      return { outcome, ...c, precision: ratio(c.correct, c.predicted), recall: ratio(c.correct, c.expected) };
    }),
    placeNaming,
    answered,
    answeredShare: placeNaming === 0 ? 0 : answered / placeNaming,
    rightLsoa,
    rightLsoaShare: answered === 0 ? 0 : rightLsoa / answered,
    leaks,
    wrong,
    unanswered,
  };
}
