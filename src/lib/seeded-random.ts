/**
 * mulberry32: a small seeded generator of floats in [0, 1). Whatever istv
 * generates (sample data, evaluation sets, red-team extracts) must come out the
 * same on every machine and every run, so nothing generated touches
 * Math.random or the clock; reproducibility, not cryptographic quality, is the
 * point.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
