import { describe, expect, it } from 'vitest';
import { BoundedMemo, memoise } from '../../src/lib/bounded-memo.ts';

describe('memoise', () => {
  it('computes each key once while it is remembered, null answers included', () => {
    const calls: string[] = [];
    const lookup = memoise((key) => {
      calls.push(key);
      return key === 'none' ? null : key.length;
    }, 10);
    expect(['ab', 'none', 'ab', 'none', 'abc'].map(lookup)).toEqual([2, null, 2, null, 3]);
    expect(calls).toEqual(['ab', 'none', 'abc']);
  });

  it('forgets the oldest answer first when full', () => {
    const calls: string[] = [];
    const lookup = memoise((key) => calls.push(key), 2);
    for (const key of ['a', 'b', 'c', 'b', 'a']) lookup(key);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxEntries %s', (maxEntries) => {
    expect(() => new BoundedMemo(maxEntries)).toThrow(`Unexpected maxEntries value: ${maxEntries}`);
  });
});
