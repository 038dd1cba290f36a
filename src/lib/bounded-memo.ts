/**
 * Memos for pure functions, holding at most `maxEntries` answers. Extracts
 * repeat the same few thousand strings (codes, place text) across a million
 * rows, so most calls are answered from the memo; the bound keeps memory flat
 * however many distinct strings a file has. The oldest answer goes first when
 * it is full (a Map keeps insertion order).
 */
export class BoundedMemo<Result> {
  private readonly answers = new Map<string, Result>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`Unexpected maxEntries value: ${maxEntries}`);
  }

  /** The remembered answer for `key`, or `compute(key)`'s, remembered. No closure per call: this runs per row. */
  recall<Key extends string>(key: Key, compute: (key: Key) => Result): Result;
  recall<Key extends string, Context>(key: Key, compute: (key: Key, context: Context) => Result, context: Context): Result;
  recall<Key extends string, Context>(key: Key, compute: (key: Key, context?: Context) => Result, context?: Context): Result {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as Result;
    const result = compute(key, context);
    if (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, result);
    return result;
  }
}

/** A pure function of one string, remembering its answers. */
export function memoise<Result>(compute: (key: string) => Result, maxEntries: number): (key: string) => Result {
  const memo = new BoundedMemo<Result>(maxEntries);
  return (key: string): Result => memo.recall(key, compute);
}
