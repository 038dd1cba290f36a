/**
 * The reader's line-by-line arithmetic (propagate.ts): what a reader works out
 * by subtraction from totals and parts, as bounds that hold for every
 * whole-number solution, and the line that gave each bound.
 */
import { describe, expect, it } from 'vitest';
import type { Line } from '../../src/disclose/grid.ts';
import { propagateBounds } from '../../src/disclose/propagate.ts';

const I = Infinity;

function run(lines: Line[], known: Array<[number, number]>) {
  const linesOf: number[][] = known.map(() => []);
  lines.forEach((line, id) => {
    for (const quantity of [line.parent, ...line.members]) linesOf[quantity]!.push(id);
  });
  const result = propagateBounds(
    lines,
    linesOf,
    known.map(([lower]) => lower),
    known.map(([, upper]) => upper),
  );
  return { bounds: known.map((_, id) => [result.lower[id], result.upper[id]]), lowerLine: [...result.lowerLine], upperLine: [...result.upperLine] };
}

describe('propagateBounds', () => {
  const cases: Array<{ name: string; lines: Line[]; known: Array<[number, number]>; expected: Array<[number, number]> }> = [
    {
      name: 'a suppressed count beside a shown one under a shown total is their difference',
      lines: [{ parent: 0, members: [1, 2] }],
      known: [[10, 10], [1, I], [7, 7]],
      expected: [[10, 10], [3, 3], [7, 7]],
    },
    {
      name: 'two suppressed counts under a shown total: each from 1 to the total less 1',
      lines: [{ parent: 0, members: [1, 2] }],
      known: [[10, 10], [1, I], [1, I]],
      expected: [[10, 10], [1, 9], [1, 9]],
    },
    {
      name: 'a rounded total less a shown part bounds the other part by the rounding interval',
      lines: [{ parent: 0, members: [1, 2] }],
      known: [[8, 12], [0, I], [5, 5]],
      expected: [[8, 12], [3, 7], [5, 5]],
    },
    {
      name: 'bounds pass from line to line: ward less a shown LSOA, then that LSOA less a shown weapon',
      lines: [
        { parent: 0, members: [1, 2] },
        { parent: 1, members: [3, 4] },
      ],
      known: [[8, 12], [1, I], [5, 5], [1, I], [2, 2]],
      expected: [[8, 12], [3, 7], [5, 5], [1, 5], [2, 2]],
    },
    {
      name: 'a parent not shown is the sum of shown members',
      lines: [{ parent: 0, members: [1, 2] }],
      known: [[0, I], [3, 3], [4, 4]],
      expected: [[7, 7], [3, 3], [4, 4]],
    },
    {
      name: 'nothing bounds a suppressed count from above when its total is not shown',
      lines: [{ parent: 0, members: [1, 2] }],
      known: [[0, I], [1, I], [1, I]],
      expected: [[2, I], [1, I], [1, I]],
    },
  ];
  for (const { name, lines, known, expected } of cases) {
    it(name, () => {
      expect(run(lines, known).bounds).toEqual(expected);
    });
  }

  it('names the line each derived bound came from, and -1 where the display gave it', () => {
    const { lowerLine, upperLine } = run(
      [
        { parent: 0, members: [1, 2] },
        { parent: 1, members: [3, 4] },
      ],
      [[8, 12], [1, I], [5, 5], [1, I], [2, 2]],
    );
    expect(upperLine[3]).toBe(1);
    expect(upperLine[1]).toBe(0);
    expect(lowerLine[2]).toBe(-1);
  });
});
