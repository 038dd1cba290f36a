/**
 * A small seeded pseudo-random generator. The sample data must come out byte for
 * byte the same on every machine and every run, so nothing here touches
 * Math.random or the clock.
 */
import { seededRandom } from '../../src/lib/seeded-random.ts';

/** 32-bit FNV-1a of a string: turns names and keys into seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An item chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A normally distributed float (Box–Muller). */
  normal(mean: number, standardDeviation: number): number;
  /** The items in a new, shuffled array. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent generator whose sequence depends only on this seed and the label. */
  fork(label: string): Random;
}

/** A generator with helpers, over src/lib/seeded-random.ts (mulberry32). */
export function createRandom(seed: number): Random {
  const next = seededRandom(seed);
  const random: Random = {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('Cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      if (!(total > 0)) throw new Error(`Weights must add up to more than 0, got ${total}`);
      let target = next() * total;
      for (const [item, weight] of items) {
        target -= weight;
        if (target < 0) return item;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
    normal(mean, standardDeviation) {
      const u = 1 - next();
      const v = next();
      return mean + standardDeviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
      }
      return copy;
    },
    fork: (label) => createRandom(hashString(`${seed}:${label}`)),
  };
  return random;
}

/**
 * A weighted choice prepared once and drawn many times (binary search over the
 * running totals): the million-row extract draws from the same lists a million times.
 */
export function createPicker<T>(items: readonly (readonly [T, number])[]): (random: Random) => T {
  const totals: number[] = [];
  let total = 0;
  for (const [, weight] of items) totals.push((total += weight));
  if (!(total > 0)) throw new Error(`Weights must add up to more than 0, got ${total}`);
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = totals.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((totals[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return (items[low] as readonly [T, number])[0];
  };
}
