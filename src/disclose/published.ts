/**
 * What releases already published tell a reader about the release being made.
 *
 * A published release is given as it was shown (its `ProtectedRelease`) with
 * its tables counted again on the current data. Each shown cell becomes
 * knowledge about the quantity it counts (linked by population in grid.ts:
 * last month's rolling year overlaps this month's in eleven months), unless
 * the data changed under it since: a cell whose display no longer holds the
 * current count tells the reader nothing true about it, and is left out.
 */
import type { DisclosurePolicy } from '../config/disclosure.ts';
import type { ReleaseGrid } from './grid.ts';
import { knowledgeOf, type Interval } from './knowledge.ts';
import { cellIndex, nodesOfKeys } from './layout.ts';
import type { CountTable, ProtectedRelease } from './types.ts';

export interface PublishedRelease {
  /** The release as it was published (release.json). */
  release: ProtectedRelease;
  /** Its tables, counted again on the current data. */
  tables: CountTable[];
}

export interface PriorKnowledge {
  /** Per quantity: what the published releases show of it (intersected), or null. */
  knowledge: Array<Interval | null>;
  /** Quantities a published release shows as suppressed or banded. */
  protectedQuantities: number[];
}

export function priorKnowledge(grid: ReleaseGrid, published: PublishedRelease[], policy: DisclosurePolicy): PriorKnowledge {
  const knowledge: Array<Interval | null> = grid.quantities.map(() => null);
  const protectedQuantities = new Set<number>();
  published.forEach(({ release }, index) => {
    const layoutIndex = new Map<string, number>();
    grid.layoutSource.forEach((source, l) => {
      if (source === index + 1) layoutIndex.set(grid.layouts[l]!.table.id, l);
    });
    for (const table of release.tables) {
      const l = layoutIndex.get(table.id);
      if (l === undefined) continue;
      const layout = grid.layouts[l]!;
      for (const cell of table.cells) {
        const nodes = nodesOfKeys(layout, cell.keys);
        if (!nodes) continue;
        const id = grid.cellQuantity[l]![cellIndex(layout, nodes)]!;
        let shown: Interval;
        try {
          shown = knowledgeOf(cell.status, cell.value, policy);
        } catch {
          continue;
        }
        const value = grid.quantities[id]!.value;
        if (value < shown.lower || value > shown.upper) continue;
        const before = knowledge[id];
        knowledge[id] = before ? { lower: Math.max(before.lower, shown.lower), upper: Math.min(before.upper, shown.upper) } : shown;
        if (cell.status !== 'published' && cell.status !== 'rounded') protectedQuantities.add(id);
      }
    }
  });
  return { knowledge, protectedQuantities: [...protectedQuantities] };
}

/** True when published releases alone place a count in an interval narrower than `width`: out of a new release's hands. */
export function alreadyExposed(prior: Interval | null | undefined, width: number): boolean {
  return prior !== null && prior !== undefined && prior.upper - prior.lower < width;
}
