/**
 * Counts already settled by what is published: a release cannot protect them.
 *
 * Beside releases already published, a protected count may be bounded more
 * tightly than the width by those releases together with the least the new
 * release must show (every count it shows suppressed, except the zeros a
 * reader is told are zeros). No choice of suppression in the new release can
 * widen that, so the count is *settled*: it stays in the model as knowledge
 * that constrains the others, but it is not a target, for the protector (which
 * would otherwise suppress everything and still fail) or for the auditor
 * (which judges the new release, not the ones before it).
 *
 * The floor depends only on the true counts, the policy and what is
 * published, never on the protector's choices, so the auditor works it out
 * for itself and the two agree on which counts are settled.
 */
import type { DisclosurePolicy } from '../config/disclosure.ts';
import { AttackerModel } from './attacker.ts';
import type { ReleaseGrid } from './grid.ts';
import { suppressedLowerBound, type Interval } from './knowledge.ts';

/** What a reader knows when the release shows `shown` quantities as little as it may, beside `prior`. */
export function floorKnowledge(grid: ReleaseGrid, shown: (id: number) => boolean, prior: Array<Interval | null>, policy: DisclosurePolicy): Array<Interval | null> {
  const least = suppressedLowerBound(policy);
  return grid.quantities.map((quantity) => {
    const before = prior[quantity.id] ?? null;
    if (!shown(quantity.id)) return before;
    // A zero is shown as a zero when zeros are shown (suppressing it would make "*" mean at least 1 falsely).
    const now: Interval = quantity.value === 0 && policy.zeros === 'show' ? { lower: 0, upper: 0 } : { lower: least, upper: Infinity };
    return before ? { lower: Math.max(before.lower, now.lower), upper: Math.min(before.upper, now.upper) } : now;
  });
}

export class SettledCounts {
  private model: AttackerModel | null = null;
  private readonly verdict = new Map<number, boolean>();

  /** `active`: false when nothing is published beside the release (then nothing is settled: one release alone bounds no count from above). */
  constructor(
    private readonly grid: ReleaseGrid,
    private readonly floor: () => Array<Interval | null>,
    private readonly width: number,
    private readonly active: boolean,
  ) {}

  /** True when what is published, with the least this release must show, already bounds the count more narrowly than the width. */
  isSettled(id: number): boolean {
    if (!this.active) return false;
    let settled = this.verdict.get(id);
    if (settled === undefined) {
      this.model ??= new AttackerModel(this.grid, this.floor());
      settled = !this.model.check(id, this.width).pass;
      this.verdict.set(id, settled);
    }
    return settled;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
