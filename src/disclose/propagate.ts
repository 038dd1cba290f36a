/**
 * The reader's arithmetic, line by line: in `parent = Σ members`, the parent
 * lies between the sums of its members' bounds, and each member between the
 * parent's bounds less the others'. Repeated until nothing moves (or a pass
 * limit), this is the subtraction a reader does by hand, over the whole
 * release at once, in linear time per pass.
 *
 * Every bound it derives holds for every whole-number solution, so a count
 * it places in an interval narrower than the width is exposed; it never
 * proves a count safe (the linear programs in attacker.ts do that). Bounds
 * stay whole numbers: they start whole and only add and subtract.
 */
import type { Line } from './grid.ts';

export interface Propagated {
  lower: Float64Array;
  upper: Float64Array;
  /** Per quantity: the line that gave its lower (upper) bound, or -1 when the release's own display gives it. */
  lowerLine: Int32Array;
  upperLine: Int32Array;
}

/** Passes over the lines at most: each only narrows, so stopping early leaves bounds that still hold. */
const PASS_LIMIT = 50;

export function propagateBounds(lines: Line[], linesOf: number[][], lowerIn: ArrayLike<number>, upperIn: ArrayLike<number>): Propagated {
  const count = lowerIn.length;
  const lower = Float64Array.from(lowerIn);
  const upper = Float64Array.from(upperIn);
  const lowerLine = new Int32Array(count).fill(-1);
  const upperLine = new Int32Array(count).fill(-1);
  let queue = lines.map((_, id) => id);
  const queued = new Uint8Array(lines.length).fill(1);
  for (let pass = 0; pass < PASS_LIMIT && queue.length > 0; pass++) {
    const next: number[] = [];
    const touch = (id: number) => {
      for (const lineId of linesOf[id]!) {
        if (queued[lineId]) continue;
        queued[lineId] = 1;
        next.push(lineId);
      }
    };
    for (const lineId of queue) {
      queued[lineId] = 0;
      const { parent, members } = lines[lineId]!;
      // Sums of the members' bounds, with how many are unbounded above (a sum with one unbounded term is unbounded).
      let lowSum = 0;
      let highSum = 0;
      let unbounded = 0;
      for (const member of members) {
        lowSum += lower[member]!;
        if (upper[member] === Infinity) unbounded++;
        else highSum += upper[member]!;
      }
      if (lowSum > lower[parent]!) {
        lower[parent] = lowSum;
        lowerLine[parent] = lineId;
        touch(parent);
      }
      if (unbounded === 0 && highSum < upper[parent]!) {
        upper[parent] = highSum;
        upperLine[parent] = lineId;
        touch(parent);
      }
      const parentLow = lower[parent]!;
      const parentHigh = upper[parent]!;
      for (const member of members) {
        // member ≥ parent's lower − the others' uppers; member ≤ parent's upper − the others' lowers.
        const memberUnbounded = upper[member] === Infinity;
        const othersUnbounded = unbounded - (memberUnbounded ? 1 : 0);
        if (othersUnbounded === 0 && parentLow !== -Infinity) {
          const bound = parentLow - (highSum - (memberUnbounded ? 0 : upper[member]!));
          if (bound > lower[member]!) {
            lower[member] = bound;
            lowerLine[member] = lineId;
            touch(member);
          }
        }
        if (parentHigh !== Infinity) {
          const bound = parentHigh - (lowSum - lower[member]!);
          if (bound < upper[member]!) {
            // A new upper bound on a member changes the sums used for the members after it: recomputed on the line's next visit.
            upper[member] = bound;
            upperLine[member] = lineId;
            touch(member);
          }
        }
      }
    }
    queue = next;
  }
  return { lower, upper, lowerLine, upperLine };
}
