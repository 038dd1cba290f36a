/**
 * Disclosure-control timing for a monthly release at county and regional
 * scale: N LSOAs with ward and borough subtotals × 8 weapons, plus LSOA ×
 * location type sharing the LSOA margin, under each method; protect + audit.
 * Target (issue 18): 1,000 LSOAs, every method, protect + audit under 60 s in
 * all on 2 cores with no audit finding. 5,000 LSOAs (a regional hub) is
 * reported beside it. Wall and CPU time are both printed beside the target,
 * since the machine may be shared.
 *
 * Each size runs in a process of its own under a time limit, so that a size
 * too large for the machine is reported as not finished rather than holding
 * up `npm run bench` (ISTV_BENCH_DISCLOSE_LIMIT, seconds; default 1800: a
 * regional release takes about 300 s of CPU, and three times that in wall time
 * on a loaded 2-core machine).
 *
 *   npx tsx bench/disclose.ts [lsoas ...]     (default: 1000 5000)
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { disclosurePolicy, type DisclosurePolicyInput } from '../src/config/disclosure.ts';
import { auditRelease, protectRelease } from '../src/disclose/index.ts';
import { monthlyTables, seededRandom, syntheticArea, syntheticRecords } from '../tests/disclose/fixtures.ts';

export interface DiscloseBenchRow {
  lsoas: number;
  method: string;
  cells: number;
  protectS: number;
  auditS: number;
  cpuS: number;
  primary: number;
  secondary: number;
  findings: number;
}

const TARGET_SECONDS = 60;
const TARGET_LSOAS = 1000;
const POLICIES: DisclosurePolicyInput[] = [{ method: 'threshold_suppression', threshold: 10 }, { method: 'hes' }, { method: 'ons_band' }];
const CHILD_FLAG = '--one-size';

/** Protect + audit of one size under each method, in this process; `report` is called as each method finishes. */
export function runDiscloseSize(lsoaCount: number, report: (row: DiscloseBenchRow) => void = () => {}): DiscloseBenchRow[] {
  const area = syntheticArea(lsoaCount);
  const records = syntheticRecords(area, seededRandom(2026));
  const tables = monthlyTables(area, records, true);
  return POLICIES.map((input) => {
    const policy = disclosurePolicy(input);
    const cpu = process.cpuUsage();
    let start = performance.now();
    const release = protectRelease(tables, policy, { audience: 'public', period: '2026-10' });
    const protectS = (performance.now() - start) / 1000;
    start = performance.now();
    const findings = auditRelease(release, tables, policy);
    const auditS = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cells = release.tables.flatMap((table) => table.cells);
    const row: DiscloseBenchRow = {
      lsoas: lsoaCount,
      method: input.method,
      cells: cells.length,
      protectS: Math.round(protectS * 10) / 10,
      auditS: Math.round(auditS * 10) / 10,
      cpuS: Math.round((used.user + used.system) / 1e5) / 10,
      primary: cells.filter((cell) => cell.status === 'primary_suppressed' || cell.status === 'banded').length,
      secondary: cells.filter((cell) => cell.status === 'secondary_suppressed').length,
      findings: findings.length,
    };
    report(row);
    return row;
  });
}

/** One size in a child process under the time limit: the rows of the methods that finished, and whether all did. */
function runSizeInChild(lsoaCount: number, limitSeconds: number): { rows: DiscloseBenchRow[]; finished: boolean } {
  const file = fileURLToPath(import.meta.url);
  let output: string;
  let finished = true;
  try {
    output = execFileSync(process.execPath, ['--import', 'tsx', file, CHILD_FLAG, String(lsoaCount)], {
      cwd: path.resolve(path.dirname(file), '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: limitSeconds * 1000,
      killSignal: 'SIGKILL',
    });
  } catch (error) {
    finished = false;
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  const rows = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as DiscloseBenchRow);
  return { rows, finished: finished && rows.length === POLICIES.length };
}

export function runDiscloseBench(sizes = [TARGET_LSOAS, 5000]): DiscloseBenchRow[] {
  const limitSeconds = Number(process.env.ISTV_BENCH_DISCLOSE_LIMIT ?? 1800);
  const rows: DiscloseBenchRow[] = [];
  for (const size of sizes) {
    const { rows: sizeRows, finished } = runSizeInChild(size, limitSeconds);
    rows.push(...sizeRows);
    const wall = sizeRows.reduce((sum, row) => sum + row.protectS + row.auditS, 0);
    const cpu = sizeRows.reduce((sum, row) => sum + row.cpuS, 0);
    const findings = sizeRows.reduce((sum, row) => sum + row.findings, 0);
    const label = `${size.toLocaleString('en-GB')} LSOAs × 8 weapons + ward and borough subtotals + LSOA × location type, all methods`;
    if (!finished) {
      const done = sizeRows.map((row) => row.method).join(', ') || 'none';
      console.log(`${label}: did not finish within ${limitSeconds} s (methods finished: ${done})${size === TARGET_LSOAS ? `; target < ${TARGET_SECONDS} s: NOT met` : ''}`);
      continue;
    }
    const target = size === TARGET_LSOAS ? `target < ${TARGET_SECONDS} s with 0 findings: ${wall < TARGET_SECONDS && findings === 0 ? 'met' : 'NOT met'}${wall >= TARGET_SECONDS && cpu < TARGET_SECONDS && findings === 0 ? ' (met in CPU time; the machine is shared)' : ''}` : 'reported (no target)';
    console.log(`${label}: protect + audit ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, ${findings} findings; ${target}`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args[0] === CHILD_FLAG) {
    runDiscloseSize(Number(args[1]), (row) => console.log(JSON.stringify(row)));
  } else {
    const sizes = args.map(Number);
    console.table(runDiscloseBench(sizes.length > 0 ? sizes : undefined));
  }
}
