/**
 * protectRelease: true count tables in, a release that may be shown out.
 *
 * 1. Primary: each count gets its form under the policy (shown, rounded, banded
 *    or suppressed). Decisions are per quantity, so a margin shared by two
 *    tables is shown the same way in both.
 * 2. Secondary, cheap: no additive line (margin = sum of its children) may be
 *    left with a single unknown in it, or that unknown is simply the difference.
 * 3. Secondary, by arithmetic: rounds of the reader's line-by-line bound
 *    propagation alone (linear in the release), suppressing a count of the
 *    lines that bound each exposed count, until it finds nothing; most
 *    secondary suppression is chosen here, before any linear program.
 * 4. Secondary, exact: the attacker model (attacker.ts) bounds every protected
 *    count from everything the release and the releases published before it
 *    show; where an interval is narrower than the policy's protection width,
 *    one of the shown counts that holds the bound is suppressed too, and the
 *    round repeats until every protected count passes. Suppressing more only
 *    widens what a reader must allow, so a count that passed stays passed and
 *    later rounds re-check only those that failed.
 */
import type { Audience } from '../config/audience.ts';
import type { DisclosurePolicy } from '../config/disclosure.ts';
import { AttackerModel } from './attacker.ts';
import { buildReleaseGrid, type ReleaseGrid } from './grid.ts';
import { displayOf, isSensitive, knowledgeOf, primaryStatus, suppressedLowerBound, type Interval } from './knowledge.ts';
import { cellKeys, cellNodes, isInteriorCell } from './layout.ts';
import { alreadyExposed, priorKnowledge, type PublishedRelease } from './published.ts';
import { floorKnowledge, SettledCounts } from './settled.ts';
import { methodStatement } from './statement.ts';
import type { CellStatus, CountTable, ProtectedCell, ProtectedRelease } from './types.ts';

export interface ReleaseMeta {
  audience: Audience;
  /** YYYY-MM, or a range label for trend releases. */
  period: string;
}

/** Knowledge a reader has of each quantity under the given statuses (null: not shown). */
export function knowledgeFromStatuses(grid: ReleaseGrid, status: Array<CellStatus | null>, policy: DisclosurePolicy, prior: Array<Interval | null> = []): Array<Interval | null> {
  return grid.quantities.map((quantity) => {
    const shown = status[quantity.id];
    const before = prior[quantity.id] ?? null;
    if (shown === null || shown === undefined) return before;
    const now = knowledgeOf(shown, displayOf(shown, quantity.value, policy).value, policy);
    return before ? { lower: Math.max(before.lower, now.lower), upper: Math.min(before.upper, now.upper) } : now;
  });
}

export interface ProtectOptions {
  /**
   * Releases already published that a reader can put beside this one (earlier
   * months with overlapping periods, the previous edition of this month), each
   * with its tables counted again on the current data. Nothing they suppressed
   * may be narrowed by what this release adds.
   */
  published?: PublishedRelease[];
  /**
   * Check every protected count once more on the final release before
   * returning (a full round of the attacker, so slower): for a release the
   * auditor found a count in that an earlier round had passed.
   */
  recheckAtEnd?: boolean;
}

export function protectRelease(tables: CountTable[], policy: DisclosurePolicy, meta: ReleaseMeta, options: ProtectOptions = {}): ProtectedRelease {
  const published = policy.method === 'none' ? [] : (options.published ?? []);
  const grid = buildReleaseGrid(tables, policy.publishMargins, published.map((release) => release.tables));
  const status: Array<CellStatus | null> = grid.quantities.map((quantity) => (quantity.published ? primaryStatus(quantity.value, policy) : null));
  if (policy.method !== 'none') {
    const prior = priorKnowledge(grid, published, policy);
    const settled = new SettledCounts(grid, () => floorKnowledge(grid, (id) => grid.quantities[id]!.published, prior.knowledge, policy), policy.protectionWidth, published.length > 0);
    try {
      new SecondarySuppression(grid, status, policy, prior.knowledge, prior.protectedQuantities, settled, options.recheckAtEnd ?? false).run();
    } finally {
      settled.dispose();
    }
  }

  return {
    audience: meta.audience,
    period: meta.period,
    methodStatement: methodStatement(policy, meta.audience),
    tables: grid.layouts.map((layout, t) => {
      const cells: ProtectedCell[] = [];
      for (let cell = 0; cell < layout.cellCount; cell++) {
        const nodes = cellNodes(layout, cell);
        if (!policy.publishMargins && !isInteriorCell(layout, nodes)) continue;
        const quantity = grid.quantities[grid.cellQuantity[t]![cell]!]!;
        const shown = status[quantity.id]!;
        cells.push({ keys: cellKeys(layout, nodes), ...displayOf(shown, quantity.value, policy), status: shown });
      }
      return { id: layout.table.id, title: layout.table.title, dimensions: layout.table.dimensions, cells, ...(layout.table.scope ? { scope: layout.table.scope } : {}) };
    }).filter((_, t) => grid.layoutSource[t] === 0),
  };
}

const MARGIN_COST = 1e6;
const NEW_SINGLETON_COST = 1e3;

class SecondarySuppression {
  /** Per line: how many of its quantities are not shown exactly. */
  private readonly unknownCount: Int32Array;
  private readonly requiredValue: number;
  private readonly smallCost: number;

  constructor(
    private readonly grid: ReleaseGrid,
    private readonly status: Array<CellStatus | null>,
    private readonly policy: DisclosurePolicy,
    private readonly prior: Array<Interval | null>,
    /** Quantities that a published release suppressed: they must stay protected too. */
    private readonly priorProtected: number[],
    /** Counts that published releases already bound (with the least this release must show): they constrain, they are not protected again. */
    private readonly settled: SettledCounts,
    /** Check every target again once nothing is pending (ProtectOptions.recheckAtEnd). */
    private readonly recheckAtEnd: boolean,
  ) {
    this.unknownCount = new Int32Array(grid.lines.length);
    grid.lines.forEach((line, id) => {
      let unknown = this.isUnknown(line.parent) ? 1 : 0;
      for (const member of line.members) if (this.isUnknown(member)) unknown++;
      this.unknownCount[id] = unknown;
    });
    // A partner smaller than this cannot, on its own, give the interval the width it needs.
    this.requiredValue = policy.protectionWidth + suppressedLowerBound(policy);
    this.smallCost = 10 * this.requiredValue;
  }

  run(): void {
    const targets = new Set(this.grid.quantities.filter((quantity) => quantity.published && isSensitive(quantity.value, this.policy)).map((quantity) => quantity.id));
    for (const id of this.priorProtected) if (isSensitive(this.grid.quantities[id]!.value, this.policy)) targets.add(id);
    // A count a published release already shows more narrowly than the width is out of this release's hands.
    for (const id of [...targets]) if (alreadyExposed(this.prior[id], this.policy.protectionWidth)) targets.delete(id);
    let pending = [...targets];
    // True while the round about to run checks every target on the release as it now stands.
    let everyTarget = true;
    const queue = this.grid.lines.map((_, id) => id);
    // Rounds by the reader's arithmetic alone (cheap, linear) until it finds nothing; then rounds with the full attacker.
    let exact = false;
    for (;;) {
      this.closeLines(queue);
      const model = new AttackerModel(this.grid, knowledgeFromStatuses(this.grid, this.status, this.policy, this.prior));
      try {
        const binding = new Map<number, number[]>();
        let failing: number[] = [];
        if (!exact) {
          for (const id of pending) {
            if (!this.isProtected(id)) continue;
            const result = model.arithmetic(id, this.policy.protectionWidth);
            if (!result || this.settled.isSettled(id)) continue;
            binding.set(id, result.binding);
            failing.push(id);
          }
          if (failing.length === 0) exact = true;
        }
        if (exact) {
          model.screen(pending.filter((id) => this.isProtected(id)), this.policy.protectionWidth);
          pending = pending.filter((id) => {
            if (!this.isProtected(id)) return false;
            const result = model.check(id, this.policy.protectionWidth);
            if (result.pass || this.settled.isSettled(id)) return false;
            binding.set(id, result.binding);
            return true;
          });
          if (pending.length === 0) {
            if (everyTarget || !this.recheckAtEnd) return;
            // The attacker's whole-number search is a heuristic: a count it passed before later suppressions can, rarely, fail
            // on the final release (another optimal vertex, other neighbourhoods), as the auditor checks it. Asked to, every
            // target is checked once more on the final release, and any that fails goes round again.
            pending = [...targets];
            everyTarget = true;
            continue;
          }
          everyTarget = false;
          failing = pending;
        }
        const suppressedThisRound = new Set<number>();
        for (const id of failing) {
          // A partner just chosen for a neighbour in one of its lines may already free this one; the next round will tell.
          if (this.lineNeighbours(id).some((other) => suppressedThisRound.has(other))) continue;
          let candidates = binding.get(id)!.filter((other) => other !== id && this.isEligible(other));
          if (candidates.length === 0) candidates = this.lineNeighbours(id).filter((other) => other !== id && this.isEligible(other));
          if (candidates.length === 0) candidates = this.grid.quantities.map((quantity) => quantity.id).filter((other) => this.isEligible(other));
          // Empty when this round's earlier choices took every candidate: the next round re-measures.
          if (candidates.length === 0) continue;
          const chosen = this.cheapest(candidates);
          this.suppress(chosen, queue);
          suppressedThisRound.add(chosen);
        }
        if (suppressedThisRound.size === 0) {
          throw new Error(`Cannot protect quantity ${this.grid.quantities[failing[0]!]!.key}: nothing left to suppress`);
        }
      } finally {
        model.dispose();
      }
    }
  }

  /** A target still to check: suppressed or banded in this release, or protected by a published one. */
  private isProtected(id: number): boolean {
    return this.status[id] === null || this.isSuppressedOrBanded(id);
  }

  private isUnknown(id: number): boolean {
    return this.status[id] !== 'published';
  }

  private isSuppressedOrBanded(id: number): boolean {
    const shown = this.status[id];
    return shown === 'primary_suppressed' || shown === 'secondary_suppressed' || shown === 'banded';
  }

  /** A shown count that may be suppressed: never a zero when zeros are shown (a reader takes "*" as at least 1). */
  private isEligible(id: number): boolean {
    const shown = this.status[id];
    if (shown !== 'published' && shown !== 'rounded' && shown !== 'banded') return false;
    return this.grid.quantities[id]!.value > 0 || this.policy.zeros === 'suppress';
  }

  /**
   * Cheapest first: interior cells before margins, cells that would not become
   * the lone unknown of another line, cells big enough to give protection, then
   * the smallest count (the least information lost).
   */
  private cost(id: number): number {
    const quantity = this.grid.quantities[id]!;
    let cost = quantity.value;
    if (!quantity.interior) cost += MARGIN_COST;
    if (quantity.value < this.requiredValue) cost += this.smallCost;
    if (!this.isUnknown(id)) {
      for (const line of this.grid.linesOf[id]!) if (this.unknownCount[line] === 0) cost += NEW_SINGLETON_COST;
    }
    return cost;
  }

  private cheapest(candidates: number[]): number {
    let best = candidates[0]!;
    let bestCost = this.cost(best);
    for (const candidate of candidates) {
      const cost = this.cost(candidate);
      if (cost < bestCost || (cost === bestCost && candidate < best)) {
        best = candidate;
        bestCost = cost;
      }
    }
    return best;
  }

  private suppress(id: number, queue: number[]): void {
    const wasUnknown = this.isUnknown(id);
    this.status[id] = this.status[id] === 'banded' ? 'primary_suppressed' : 'secondary_suppressed';
    if (wasUnknown) return;
    for (const line of this.grid.linesOf[id]!) {
      this.unknownCount[line]!++;
      queue.push(line);
    }
  }

  /** Step 2: no line keeps a suppressed or banded count as its only unknown. */
  private closeLines(queue: number[]): void {
    while (queue.length > 0) {
      const lineId = queue.pop()!;
      if (this.unknownCount[lineId] !== 1) continue;
      const line = this.grid.lines[lineId]!;
      const all = [line.parent, ...line.members];
      const lone = all.find((id) => this.isUnknown(id))!;
      if (!this.isSuppressedOrBanded(lone)) continue;
      const candidates = all.filter((id) => id !== lone && this.isEligible(id));
      if (candidates.length > 0) this.suppress(this.cheapest(candidates), queue);
    }
  }

  private lineNeighbours(id: number): number[] {
    return this.grid.linesOf[id]!.flatMap((line) => [this.grid.lines[line]!.parent, ...this.grid.lines[line]!.members]);
  }
}
