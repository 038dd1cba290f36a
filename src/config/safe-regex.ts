/**
 * Whether a regular expression from the config can be run on hospital text
 * without catastrophic backtracking. JavaScript's engine backtracks, and a
 * pattern like `(\d+)+$` takes exponential time on a long run of digits: one
 * location field would then hang ingest. Rather than swap engines, istv accepts
 * only patterns whose matching time cannot explode:
 *  - no quantified group that itself holds a quantifier or an alternation
 *    (`(a+)+`, `(a|ab)*`, `(\w{2,})+`): the nested-quantifier shapes;
 *  - no back-references (`\1`, `\k<name>`), which no linear-time engine allows;
 *  - at most 300 characters, and it must compile.
 * A pattern for an identifier (a hospital number such as `\bBB\d{7}\b`) never
 * needs any of these.
 */

export const MAX_PATTERN_LENGTH = 300;

interface Group {
  /** The group holds a quantifier or an alternation at any depth. */
  risky: boolean;
}

/** Reads a quantifier at `at`; returns its length and whether it can repeat more than once, or null. */
function quantifierAt(pattern: string, at: number): { length: number; repeats: boolean } | null {
  const character = pattern[at];
  if (character === '*' || character === '+') return { length: 1 + (pattern[at + 1] === '?' || pattern[at + 1] === '+' ? 1 : 0), repeats: true };
  if (character === '?') return { length: 1 + (pattern[at + 1] === '?' ? 1 : 0), repeats: false };
  if (character === '{') {
    const match = /^\{(\d*)(,?)(\d*)\}\??/.exec(pattern.slice(at));
    if (!match || (match[1] === '' && match[3] === '')) return null;
    const max = match[2] === '' ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
    return { length: match[0].length, repeats: max > 1 };
  }
  return null;
}

/** Null when the pattern is safe to run; else why not, in words for the config error. */
export function unsafePatternReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch {
    try {
      new RegExp(pattern);
    } catch (error) {
      return `not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
    }
  }
  const stack: Group[] = [{ risky: false }];
  let inClass = false;
  for (let at = 0; at < pattern.length; at += 1) {
    const character = pattern[at]!;
    if (character === '\\') {
      const next = pattern[at + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'back-references (\\1, \\k<name>) are not allowed: they can take exponential time';
      at += 1;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      continue;
    }
    if (character === '[') {
      inClass = true;
      if (pattern[at + 1] === ']') at += 1; // a literal ] first in a class
      continue;
    }
    if (character === '(') {
      stack.push({ risky: false });
      continue;
    }
    if (character === '|') {
      stack[stack.length - 1]!.risky = true;
      continue;
    }
    if (character === ')') {
      const group = stack.pop();
      if (!group || stack.length === 0) return 'unbalanced parentheses';
      const quantifier = quantifierAt(pattern, at + 1);
      if (quantifier?.repeats && group.risky) {
        return 'a repeated group holds a quantifier or an alternation (as in (a+)+ or (a|b)*): such a pattern can take exponential time on some text; write it without the nesting';
      }
      const parent = stack[stack.length - 1]!;
      parent.risky ||= group.risky || quantifier !== null;
      if (quantifier) at += quantifier.length;
      continue;
    }
    const quantifier = quantifierAt(pattern, at);
    if (quantifier) {
      stack[stack.length - 1]!.risky = true;
      at += quantifier.length - 1;
    }
  }
  return null;
}
