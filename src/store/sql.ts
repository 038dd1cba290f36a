/**
 * Small helpers for the store's SQL text.
 */

/**
 * A list of code words as an SQL list literal, `('a','b')`, for a constant list
 * the code defines once (an outcome list, say) so that SQL does not restate it.
 * Only plain code words are accepted: this is never for values from input.
 */
export function sqlTextList(values: readonly string[]): string {
  for (const value of values) {
    if (!/^[a-z][a-z0-9_-]*$/.test(value)) throw new Error(`Not a code word for an SQL list: ${JSON.stringify(value)}`);
  }
  return `(${values.map((value) => `'${value}'`).join(',')})`;
}
