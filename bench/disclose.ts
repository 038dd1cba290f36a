/**
 * Disclosure-control timing for a monthly release at county and regional
 * scale: N LSOAs with ward and borough subtotals × 8 weapons, plus LSOA ×
 * location type sharing the LSOA margin, under each method; protect + audit.
 * Target (issue 18): 1,000 LSOAs, every method, protect + audit under 60 s in
 * all on 2 cores with no audit finding. 5,000 LSOAs (a regional hub) is
 * reported beside it. Times are wall clock; CPU time is printed too, since
 * the machine may be shared.
 *
 *   npx tsx bench/disclose.ts [lsoas ...]     (default: 1000 5000)
 */
import { pathToFileURL } from 'node:url';
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

export function runDiscloseSize(lsoaCount: number): DiscloseBenchRow[] {
  const area = syntheticArea(lsoaCount);
  const records = syntheticRecords(area, seededRandom(2026));
  const policies: DisclosurePolicyInput[] = [{ method: 'threshold_suppression', threshold: 10 }, { method: 'hes' }, { method: 'ons_band' }];
  const tables = monthlyTables(area, records, true);
  return policies.map((input) => {
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
    return {
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
  });
}

export function runDiscloseBench(sizes = [TARGET_LSOAS, 5000]): DiscloseBenchRow[] {
  const rows: DiscloseBenchRow[] = [];
  for (const size of sizes) {
    const sizeRows = runDiscloseSize(size);
    rows.push(...sizeRows);
    const total = sizeRows.reduce((sum, row) => sum + row.protectS + row.auditS, 0);
    const findings = sizeRows.reduce((sum, row) => sum + row.findings, 0);
    const target = size === TARGET_LSOAS ? `target < ${TARGET_SECONDS} s with 0 findings: ${total < TARGET_SECONDS && findings === 0 ? 'met' : 'NOT met'}` : 'reported (no target)';
    console.log(`${size} LSOAs × 8 weapons + ward and borough subtotals + LSOA × location type, all methods: protect + audit ${total.toFixed(1)} s, ${findings} findings; ${target}`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number);
  console.table(runDiscloseBench(sizes.length > 0 ? sizes : undefined));
}
