import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/lib/csv.ts';

/** One field written on its own, without the header line and the line end. */
const field = (value: string | number | null, options = {}) => csvText(['h'], [[value]], options).slice('h\r\n'.length).replace(/\r?\n$/, '');

describe('CSV fields', () => {
  it.each([
    ['plain', 'plain'],
    ['Body (fist, feet, head)', '"Body (fist, feet, head)"'],
    ['The "Crown"', '"The ""Crown"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+44 20', "'+44 20"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    [-0.103529, '-0.103529'],
    [0, '0'],
    [null, ''],
    ['', ''],
  ])('%j is written as %s', (value, expected) => {
    expect(field(value)).toBe(expected);
  });

  it('quotes a field with a space at either end when asked, for readers that trim', () => {
    expect(field(' lead', { quoteEdgeSpace: true })).toBe('" lead"');
    expect(field('trail ', { quoteEdgeSpace: true })).toBe('"trail "');
    expect(field(' lead')).toBe(' lead');
  });

  it('ends lines with CRLF unless asked for LF', () => {
    expect(csvText(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
    expect(csvText(['a', 'b'], [[1, 'x']], { eol: '\n' })).toBe('a,b\n1,x\n');
  });

  it('refuses a number that is not finite and a row that does not match the header', () => {
    expect(() => csvText(['a'], [[Number.NaN]])).toThrow('Unexpected number in CSV: NaN');
    expect(() => csvText(['a', 'b'], [['1']])).toThrow('Unexpected CSV row length: 1 (header has 2)');
  });
});
