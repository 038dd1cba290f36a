/**
 * `npm run eval:geocode`: builds the gazetteer from ../shared/data and scores the
 * geocoder on the labelled sets in ./sets (the first generated set and the
 * independent one, see build-independent-set.ts). Prints precision by outcome
 * and by method, coverage, ambiguous recall and the texts that must not be placed
 * but were. `-- --held-out` scores the held-out independent texts instead (keep
 * that for the end of a piece of work); `-- --aside` scores the hand-written set
 * kept aside from all tuning (build-aside-set.ts); `-- --blind` scores the two
 * sets written by people who had read neither the rules nor the gazetteer code
 * (blind/README.md), the honest estimate; `-- --verbose` lists the misses.
 * Exits 1 if a home or unknown text was given a place (that must never happen);
 * the other targets are reported, not enforced, so a shortfall is visible.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { buildGazetteer } from '../gazetteer/build.ts';
import { createGazetteer } from '../gazetteer/load.ts';
import { createGeocoder } from '../geocoder.ts';
import { parseExpectedOutcome, scoreGeocoder, type EvaluationReport, type LabelledLocation } from './score.ts';
import { sharedDataDir, sharedDataInputs } from './shared-data.ts';
import type { Geocoder } from '../types.ts';

const SETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sets');
export const LABELLED_SET = path.join(SETS, 'labelled-locations.csv');
export const INDEPENDENT_SET = path.join(SETS, 'independent.csv');
export const INDEPENDENT_HELD_OUT = path.join(SETS, 'independent-held-out.csv');
/** Hand-written texts kept aside from all tuning (build-aside-set.ts): `-- --aside`, once, at the end. */
export const ASIDE_SET = path.join(SETS, 'aside.csv');
/** Sets written by people who had not read the rules, the gazetteer code or the other sets (blind/README.md): `-- --blind`. */
export const BLIND_SETS = [path.join(SETS, '..', 'blind', 'blind-1.csv'), path.join(SETS, '..', 'blind', 'blind-2.csv')] as const;

export function readLabelledSet(file: string = LABELLED_SET): LabelledLocation[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.map((row, index) => {
    try {
      return {
        text: row['text'] ?? '',
        siteCode: row['site_code'] ?? '',
        expectedOutcome: parseExpectedOutcome(row['expected_outcome'] ?? ''),
        expectedLsoas: (row['expected_lsoa'] ?? '').split('|').filter((code) => code !== ''),
        group: row['group'] ?? '',
      };
    } catch (error) {
      throw new Error(`${path.basename(file)}: line ${index + 2}: ${(error as Error).message}`);
    }
  });
}

const percent = (value: number | null): string => (value === null ? '   -  ' : `${(value * 100).toFixed(1).padStart(5)}%`);

function printReport(title: string, report: EvaluationReport, verbose: boolean): void {
  console.log(`\n=== ${title}: ${report.total} labelled texts ===\n`);
  console.log('outcome           expected  predicted  correct  precision  recall');
  for (const row of report.byOutcome) {
    console.log(`${row.outcome.padEnd(17)} ${String(row.expected).padStart(8)} ${String(row.predicted).padStart(10)} ${String(row.correct).padStart(8)}   ${percent(row.precision)}  ${percent(row.recall)}`);
  }
  console.log('\nmethod (placed answers)       placed  right LSOA  precision');
  for (const row of report.byMethod) console.log(`${row.method.padEnd(28)} ${String(row.placed).padStart(7)} ${String(row.right).padStart(11)}   ${percent(row.precision)}`);
  console.log('\ngroup (how the text was made)        texts  as expected');
  for (const g of report.byGroup) console.log(`${g.group.padEnd(36)} ${String(g.total).padStart(5)}  ${percent(g.right / g.total)}`);
  console.log('');
  console.log(`coverage (placed, of texts naming a place):  ${report.answered}/${report.placeNaming} = ${percent(report.answeredShare)}`);
  console.log(`precision (right LSOA, of those placed):     ${report.rightLsoa}/${report.answered} = ${percent(report.rightLsoaShare)}  (target ≥ 96%) ${report.rightLsoaShare >= 0.96 ? 'met' : 'NOT MET'}`);
  console.log(`strict precision (every placed answer):      ${report.rightLsoa}/${report.placedAll} = ${percent(report.strictPrecision)}`);
  console.log(`ambiguous recall:                            ${report.ambiguousFound}/${report.ambiguousExpected} = ${percent(report.ambiguousRecall)}`);
  console.log(`must-not-place texts given a place:          ${report.mustNotPlacePlaced.length}/${report.mustNotPlace}`);
  console.log(`home/unknown texts given a place:            ${report.leaks.length} (must be 0)`);
  for (const leak of report.leaks) console.log(`  LEAK [${leak.group}] ${JSON.stringify(leak.text)} was given a place`);
  if (verbose) {
    console.log('\nMust not be placed, but placed:');
    for (const w of report.mustNotPlacePlaced) console.log(`  [${w.item.group}] ${JSON.stringify(w.item.text)} @${w.item.siteCode} → ${w.outcome}/${w.method} ${w.matched ?? ''} ${w.lsoa ?? ''} (expected ${w.item.expectedOutcome})`);
    console.log('\nWrong LSOA:');
    for (const w of report.wrong) console.log(`  [${w.item.group}] ${JSON.stringify(w.item.text)} @${w.item.siteCode} → ${w.outcome}/${w.method} ${w.matched ?? ''} ${w.lsoa ?? 'no LSOA'} (expected ${w.item.expectedLsoas.join('|')})`);
    console.log('\nNot answered:');
    for (const u of report.unanswered) console.log(`  [${u.item.group}] ${JSON.stringify(u.item.text)} @${u.item.siteCode} → ${u.outcome}/${u.method} ${u.matched ?? ''} (expected ${u.item.expectedOutcome})`);
  } else {
    console.log('(run with -- --verbose to list the misses)');
  }
}

export function evaluate(geocoder: Geocoder, part: 'development' | 'held-out' | 'aside' | 'blind'): Array<{ title: string; report: EvaluationReport }> {
  const sets = part === 'blind'
    ? [
        { title: 'blind set 1 (written without the rules, gazetteer or other sets)', file: BLIND_SETS[0] },
        { title: 'blind set 2 (written without the rules, gazetteer or other sets)', file: BLIND_SETS[1] },
      ]
    : part === 'aside'
    ? [{ title: 'aside set (hand-written, kept from all tuning)', file: ASIDE_SET }]
    : part === 'held-out'
    ? [{ title: 'independent set, held-out part', file: INDEPENDENT_HELD_OUT }]
    : [
        { title: 'independent set (written without the gazetteer or rules)', file: INDEPENDENT_SET },
        { title: 'first labelled set (generated from the gazetteer data)', file: LABELLED_SET },
      ];
  return sets.map(({ title, file }) => ({ title, report: scoreGeocoder(geocoder, readLabelledSet(file)) }));
}

function main(): number {
  const dataDir = sharedDataDir();
  if (!dataDir) {
    console.log('eval:geocode skipped: ../shared/data (beside the repository) does not exist on this machine.');
    return 0;
  }
  const gazetteer = createGazetteer(buildGazetteer(sharedDataInputs(dataDir)));
  const geocoder = createGeocoder(gazetteer);
  console.log(`Geocoder evaluation, gazetteer ${gazetteer.version}`);
  const part = process.argv.includes('--blind') ? 'blind' : process.argv.includes('--aside') ? 'aside' : process.argv.includes('--held-out') ? 'held-out' : 'development';
  const results = evaluate(geocoder, part);
  for (const { title, report } of results) printReport(title, report, process.argv.includes('--verbose'));
  return results.every(({ report }) => report.leaks.length === 0) ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
