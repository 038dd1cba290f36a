/**
 * Disclosure-control timing for a monthly release: ~300 LSOAs (with ward and
 * borough subtotals) × 8 weapons, plus LSOA × location type sharing the LSOA
 * margin, under each method. Prints protect and audit times and what was
 * suppressed. Run: npx tsx bench/disclose.ts
 */
import { pathToFileURL } from 'node:url';
import { disclosurePolicy, type DisclosurePolicyInput } from '../src/config/disclosure.ts';
import { auditRelease, protectRelease } from '../src/disclose/index.ts';
import { monthlyTables, seededRandom, syntheticArea, syntheticRecords } from '../tests/disclose/fixtures.ts';

export interface DiscloseBenchRow {
  method: string;
  hierarchy: boolean;
  cells: number;
  protectMs: number;
  auditMs: number;
  primary: number;
  secondary: number;
  findings: number;
}

// 300 LSOAs is the target size, but the HES run with the hierarchy has not yet finished at that size (see the closing note); ISTV_BENCH_LSOAS=300 tries it.
export function runDiscloseBench(lsoaCount = Number(process.env.ISTV_BENCH_LSOAS ?? 150)): DiscloseBenchRow[] {
  const area = syntheticArea(lsoaCount);
  const records = syntheticRecords(area, seededRandom(2026));
  const policies: DisclosurePolicyInput[] = [{ method: 'threshold_suppression', threshold: 10 }, { method: 'hes' }, { method: 'ons_band' }];
  const rows: DiscloseBenchRow[] = [];
  for (const hierarchy of [false, true]) {
    const tables = monthlyTables(area, records, hierarchy);
    for (const input of policies) {
      const policy = disclosurePolicy(input);
      let start = performance.now();
      const release = protectRelease(tables, policy, { audience: 'bench', period: '2026-10' });
      const protectMs = performance.now() - start;
      start = performance.now();
      const findings = auditRelease(release, tables, policy);
      const auditMs = performance.now() - start;
      const cells = release.tables.flatMap((table) => table.cells);
      rows.push({
        method: input.method,
        hierarchy,
        cells: cells.length,
        protectMs: Math.round(protectMs),
        auditMs: Math.round(auditMs),
        primary: cells.filter((cell) => cell.status === 'primary_suppressed' || cell.status === 'banded').length,
        secondary: cells.filter((cell) => cell.status === 'secondary_suppressed').length,
        findings: findings.length,
      });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(runDiscloseBench(Number(process.argv[2] ?? 300)));
}
