/**
 * auditRelease: attack a release with everything it shows and report each
 * protected count a reader could pin down, or bound more tightly than the
 * policy allows. It trusts nothing the release says about itself beyond what a
 * reader sees: which counts are sensitive is worked out again from the
 * original tables, and every shown value is checked against the true count.
 */
import type { DisclosurePolicy } from '../config/disclosure.ts';
import { AttackerModel } from './attacker.ts';
import { buildReleaseGrid } from './grid.ts';
import { isSensitive, knowledgeOf, type Interval } from './knowledge.ts';
import { cellIndex, nodesOfKeys } from './layout.ts';
import { alreadyExposed, priorKnowledge, type PublishedRelease } from './published.ts';
import { floorKnowledge, SettledCounts } from './settled.ts';
import type { AuditFinding, CountTable, ProtectedRelease } from './types.ts';

function describeKeys(keys: Record<string, string>): string {
  return Object.entries(keys)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

export interface AuditOptions {
  /** Releases already published, as protectRelease takes them: the audit attacks this release together with them. */
  published?: PublishedRelease[];
}

export function auditRelease(release: ProtectedRelease, original: CountTable[], policy: DisclosurePolicy, options: AuditOptions = {}): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const originalById = new Map(original.map((table) => [table.id, table]));
  const matched = release.tables.filter((table) => {
    if (originalById.has(table.id)) return true;
    findings.push({ kind: 'unmatched', tableId: table.id, keys: {}, message: `Release table ${table.id} is not among the original tables` });
    return false;
  });
  const published = options.published ?? [];
  const grid = buildReleaseGrid(
    matched.map((table) => originalById.get(table.id)!),
    true,
    published.map((entry) => entry.tables),
  );

  const prior = priorKnowledge(grid, published, policy);
  const knowledge: Array<Interval | null> = [...prior.knowledge];
  /** Where each quantity is shown, and whether any showing is exact or rounded. */
  const shownAt = new Map<number, { tableId: string; keys: Record<string, string>; revealing: boolean }>();
  matched.forEach((table, t) => {
    const layout = grid.layouts[t]!;
    for (const cell of table.cells) {
      const nodes = nodesOfKeys(layout, cell.keys);
      if (!nodes) {
        findings.push({ kind: 'unmatched', tableId: table.id, keys: cell.keys, message: `Release cell ${describeKeys(cell.keys)} of ${table.id} is not in the original table` });
        continue;
      }
      const id = grid.cellQuantity[t]![cellIndex(layout, nodes)]!;
      const quantity = grid.quantities[id]!;
      let shown: Interval;
      try {
        shown = knowledgeOf(cell.status, cell.value, policy);
      } catch (error) {
        findings.push({ kind: 'misstated', tableId: table.id, keys: cell.keys, message: `${table.id} ${describeKeys(cell.keys)}: ${(error as Error).message}` });
        continue;
      }
      if (quantity.value < shown.lower || quantity.value > shown.upper) {
        findings.push({
          kind: 'misstated',
          tableId: table.id,
          keys: cell.keys,
          message: `${table.id} ${describeKeys(cell.keys)} shows "${cell.display}" (${cell.status}), which cannot stand for its true count under this policy`,
        });
        continue;
      }
      const previous = knowledge[id];
      knowledge[id] = previous ? { lower: Math.max(previous.lower, shown.lower), upper: Math.min(previous.upper, shown.upper) } : shown;
      const revealing = cell.status === 'published' || cell.status === 'rounded';
      const seen = shownAt.get(id);
      if (!seen || (revealing && !seen.revealing)) shownAt.set(id, { tableId: table.id, keys: cell.keys, revealing });
    }
  });
  // A misstated cell makes the true counts infeasible for the attacker model; report that alone.
  if (findings.some((finding) => finding.kind === 'misstated' || finding.kind === 'unmatched')) return findings;

  // Counts a reader could already bound from the published releases and the least this release must show are not this release's to protect.
  const inRelease = new Set(shownAt.keys());
  const settled = new SettledCounts(grid, () => floorKnowledge(grid, (id) => inRelease.has(id), prior.knowledge, policy), policy.protectionWidth, published.length > 0);
  // Counts suppressed only by a published release are attacked too: this release must not narrow them.
  for (const id of prior.protectedQuantities) {
    if (!shownAt.has(id)) shownAt.set(id, { tableId: '(published release)', keys: { population: grid.quantities[id]!.key }, revealing: false });
  }
  if (policy.method === 'none') return findings;
  const model = new AttackerModel(grid, knowledge);
  const width = policy.protectionWidth;
  try {
    model.screen(
      [...shownAt].filter(([id, where]) => !where.revealing && isSensitive(grid.quantities[id]!.value, policy)).map(([id]) => id),
      width,
    );
    for (const [id, where] of shownAt) {
      const quantity = grid.quantities[id]!;
      if (!isSensitive(quantity.value, policy)) continue;
      const cell = `${where.tableId} ${describeKeys(where.keys)}`;
      if (where.revealing) {
        findings.push({ kind: 'sensitive_shown', tableId: where.tableId, keys: where.keys, message: `${cell} is a protected count but is shown` });
        continue;
      }
      if (alreadyExposed(prior.knowledge[id], width)) continue;
      const { pass, lower, upper, proved } = model.check(id, width);
      if (pass || settled.isSettled(id)) continue;
      findings.push({
        kind: lower === upper ? 'pinned' : 'too_narrow',
        tableId: where.tableId,
        keys: where.keys,
        lower,
        upper,
        requiredWidth: width,
        message:
          lower === upper
            ? `${cell} can be worked out exactly from what the release shows`
            : proved
              ? `${cell} can be bounded to ${lower}..${upper} (width ${upper - lower}); the policy requires at least ${width}`
              : `${cell} could not be shown to be wider than ${lower}..${upper} in whole numbers; the policy requires at least ${width}`,
      });
    }
  } finally {
    model.dispose();
    settled.dispose();
  }
  return findings;
}
