import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvStructureError, detectCsvFormat, readCsvRecords } from '../../src/validate/read-csv.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'istv-csv-'));

async function read(name: string, content: string | Buffer) {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  const format = await detectCsvFormat(file);
  const records = [];
  for await (const record of readCsvRecords(file, format)) records.push(record);
  return { format, records };
}

describe('readCsvRecords yields each record with the line it starts on', () => {
  it.each([
    ['plain LF', 'a,b\n1,2\n3,4\n', ',', [[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']]]],
    ['CRLF with a BOM', '\ufeffa,b\r\n1,2\r\n', ',', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['semicolons', 'a;b\n"x, y";2\n', ';', [[1, ['a', 'b']], [2, ['x, y', '2']]]],
    ['tabs', 'a\tb\n1\t2\n', '\t', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['a quoted newline (CRLF) keeps later line numbers right', 'a,b\r\n"x\r\ny",2\r\n3,4\r\n', ',', [[1, ['a', 'b']], [2, ['x\r\ny', '2']], [4, ['3', '4']]]],
    ['blank lines inside and trailing', 'a,b\n\n1,2\n,\n\n\n', ',', [[1, ['a', 'b']], [3, ['1', '2']]]],
    ['several quoted line breaks in one record, LF and CRLF mixed', 'a,b\n"x\n\ny","p\r\nq"\n3,4\n', ',', [[1, ['a', 'b']], [2, ['x\n\ny', 'p\r\nq']], [6, ['3', '4']]]],
    ['a UTF-8 character split across read chunks', `a,b\n${'x,é\n'.repeat(40_000)}end,é\n`, ',', null],
  ])('%s', async (name, content, delimiter, expected) => {
    const { format, records } = await read(`${name}.csv`, content);
    expect(format.delimiter).toBe(delimiter);
    if (expected === null) {
      // Past the 64 KiB read size, so multi-byte characters straddle chunks: none may be broken.
      expect(records).toHaveLength(40_002);
      expect(records.slice(1).every((r) => r.fields[1] === 'é')).toBe(true);
      expect(records.at(-1)).toEqual({ line: 40_002, fields: ['end', 'é'] });
    } else expect(records.map((r) => [r.line, r.fields])).toEqual(expected);
  });

  it('reads Windows-1252 text (a £ sign from Excel)', async () => {
    const { format, records } = await read('cp1252.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xa3, 0x35, 0x2c, 0x32, 0x0a]));
    expect(format.encoding).toBe('windows-1252');
    expect(records[1]!.fields).toEqual(['£5', '2']);
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text")', async () => {
    const { format, records } = await read('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n1\t2\r\n', 'utf16le')]));
    expect(format).toEqual({ encoding: 'utf-16le', delimiter: '\t' });
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('stops with the line of a quote that is never closed', async () => {
    await expect(read('unclosed.csv', 'a,b\n1,2\n"3,4\n5,6\n')).rejects.toBeInstanceOf(CsvStructureError);
  });
});
