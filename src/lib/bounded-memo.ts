/**
 * A memo for a pure function of one string, holding at most `maxEntries`
 * answers. Extracts repeat the same few thousand strings (codes, dates, place
 * text) across a million rows, so most calls are answered from the memo; the
 * bound keeps memory flat however many distinct strings a file has. The oldest
 * answer goes first when it is full (a Map keeps insertion order).
 */
export function memoise<Result>(compute: (key: string) => Result, maxEntries: number): (key: string) => Result {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`Unexpected maxEntries value: ${maxEntries}`);
  const answers = new Map<string, Result>();
  return (key: string): Result => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as Result;
    const result = compute(key);
    if (answers.size >= maxEntries) answers.delete(answers.keys().next().value!);
    answers.set(key, result);
    return result;
  };
}
