/**
 * `npm run eval:geocode`: builds the gazetteer from ../shared/data, geocodes the
 * labelled set (labelled-locations.csv beside this file), and prints
 * per-outcome precision and recall against the targets of issue 4. Exits 1 if
 * a home or unknown string was given a place (that must never happen); the
 * targets are reported, not enforced, so a shortfall is visible rather than hidden.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildGazetteer } from '../gazetteer/build.ts';
import { createGazetteer } from '../gazetteer/load.ts';
import { createGeocoder } from '../geocoder.ts';
import { parseExpectedOutcome, scoreGeocoder, type LabelledLocation } from './score.ts';
import { EVALUATION_DIRECTORY, REPO_ROOT, sharedDataDir, sharedDataInputs } from './shared-data.ts';

export const LABELLED_SET = path.join(EVALUATION_DIRECTORY, 'labelled-locations.csv');

export function readLabelledSet(file: string = LABELLED_SET): LabelledLocation[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.map((row) => ({
    text: row['text'] ?? '',
    siteCode: row['site_code'] ?? '',
    expectedOutcome: parseExpectedOutcome(row['expected_outcome'] ?? ''),
    expectedLsoas: (row['expected_lsoa'] ?? '').split('|').filter((code) => code !== ''),
    group: row['group'] ?? '',
  }));
}

const percent = (value: number | null): string => (value === null ? '   -  ' : `${(value * 100).toFixed(1).padStart(5)}%`);

function main(): number {
  const dataDir = sharedDataDir();
  if (!dataDir) {
    console.log('eval:geocode skipped: ../shared/data (beside the repository) does not exist on this machine.');
    return 0;
  }
  const gazetteer = createGazetteer(buildGazetteer(sharedDataInputs(dataDir)));
  const geocoder = createGeocoder(gazetteer);
  const items = readLabelledSet();
  const report = scoreGeocoder(geocoder, items);
  const verbose = process.argv.includes('--verbose');

  console.log(`Geocoder evaluation: ${report.total} labelled strings, gazetteer ${gazetteer.version}\n`);
  console.log('outcome           expected  predicted  correct  precision  recall');
  for (const row of report.byOutcome) {
    console.log(`${row.outcome.padEnd(17)} ${String(row.expected).padStart(8)} ${String(row.predicted).padStart(10)} ${String(row.correct).padStart(8)}   ${percent(row.precision)}  ${percent(row.recall)}`);
  }
  console.log('\ngroup (how the string was made)       strings  as expected');
  const groups = new Map<string, { total: number; right: number }>();
  for (const item of items) {
    const result = geocoder.geocode({ text: item.text, siteCode: item.siteCode });
    const right = result.outcome === item.expectedOutcome && (item.expectedLsoas.length === 0 || (result.lsoaCode !== null && item.expectedLsoas.includes(result.lsoaCode)));
    const group = groups.get(item.group) ?? { total: 0, right: 0 };
    group.total++;
    if (right) group.right++;
    groups.set(item.group, group);
  }
  for (const [group, { total, right }] of [...groups].sort((a, b) => b[1].total - a[1].total)) {
    console.log(`${group.padEnd(36)} ${String(total).padStart(7)}  ${percent(right / total)}`);
  }
  console.log('');
  console.log(`answered, of strings naming a place:  ${report.answered}/${report.placeNaming} = ${percent(report.answeredShare)}  (target ≥ 85%) ${report.answeredShare >= 0.85 ? 'met' : 'NOT MET'}`);
  console.log(`right LSOA, of those answered:        ${report.rightLsoa}/${report.answered} = ${percent(report.rightLsoaShare)}  (target ≥ 92%) ${report.rightLsoaShare >= 0.92 ? 'met' : 'NOT MET'}`);
  console.log(`home/unknown strings given a place:   ${report.leaks.length} (must be 0)`);
  for (const leak of report.leaks) console.log(`  LEAK [${leak.group}] ${JSON.stringify(leak.text)} was given a place`);
  if (verbose) {
    console.log('\nWrong LSOA:');
    for (const w of report.wrong) console.log(`  [${w.item.group}] ${JSON.stringify(w.item.text)} → ${w.outcome} ${w.matched ?? ''} ${w.lsoa ?? 'no LSOA'} (expected ${w.item.expectedLsoas.join('|')})`);
    console.log('\nNot answered:');
    for (const u of report.unanswered) console.log(`  [${u.item.group}] ${JSON.stringify(u.item.text)} @${u.item.siteCode} → ${u.outcome} (expected ${u.item.expectedOutcome})`);
  } else {
    console.log('(run with -- --verbose to list the wrong and unanswered strings)');
  }
  return report.leaks.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'src', 'geocode', 'evaluation', 'run.ts')) {
  process.exitCode = main();
}
