import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPseudonymKeyFile, loadPseudonymKey, PSEUDONYM_KEY_ENV } from '../../src/deidentify/pseudonym-key.ts';

const HEX_KEY = 'ab'.repeat(32);
const BASE64_KEY = Buffer.alloc(48, 5).toString('base64');

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'istv-key-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function keyFile(contents: string, mode: number): string {
  const file = path.join(directory, 'pseudonym.key');
  writeFileSync(file, contents, { mode });
  chmodSync(file, mode);
  return file;
}

describe('loadPseudonymKey', () => {
  it('reads a hex key from the environment', () => {
    const loaded = loadPseudonymKey({ env: { [PSEUDONYM_KEY_ENV]: HEX_KEY } });
    expect(loaded).toEqual({ key: Buffer.from(HEX_KEY, 'hex'), source: 'env' });
  });

  it('reads a base64 key from the environment', () => {
    const loaded = loadPseudonymKey({ env: { [PSEUDONYM_KEY_ENV]: BASE64_KEY } });
    expect(loaded.key).toEqual(Buffer.alloc(48, 5));
  });

  it('lets the environment win over the key file', () => {
    const file = keyFile('cd'.repeat(32), 0o600);
    expect(loadPseudonymKey({ keyFile: file, env: { [PSEUDONYM_KEY_ENV]: HEX_KEY } }).key).toEqual(Buffer.from(HEX_KEY, 'hex'));
  });

  it('reads an owner-only key file', () => {
    const file = keyFile(`${'cd'.repeat(32)}\n`, 0o600);
    expect(loadPseudonymKey({ keyFile: file, env: {} })).toEqual({ key: Buffer.from('cd'.repeat(32), 'hex'), source: 'file' });
  });

  it('accepts a read-only owner file (0400)', () => {
    const file = keyFile('cd'.repeat(32), 0o400);
    expect(loadPseudonymKey({ keyFile: file, env: {} }).source).toBe('file');
  });

  it.each([0o640, 0o644, 0o604, 0o660])('refuses a key file with mode %o, naming the file and its mode', (mode) => {
    const file = keyFile('cd'.repeat(32), mode);
    expect(() => loadPseudonymKey({ keyFile: file, env: {} })).toThrow(`Pseudonym key file ${file} has mode 0${mode.toString(8)}`);
  });

  it('refuses a named key file that does not exist', () => {
    const file = path.join(directory, 'missing.key');
    expect(() => loadPseudonymKey({ keyFile: file, env: {} })).toThrow(`Pseudonym key file ${file} cannot be read (ENOENT)`);
  });

  it.each([
    ['ab'.repeat(16), /is 16 bytes; at least 32/],
    [Buffer.alloc(20).toString('base64'), /is 20 bytes; at least 32/],
    ['not a key at all!', /must be hex or base64/],
  ])('refuses a short or malformed key %#, without echoing it', (value, message) => {
    let error: unknown;
    try {
      loadPseudonymKey({ env: { [PSEUDONYM_KEY_ENV]: value } });
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(value);
  });

  it('without a key gives no key and one warning saying what that means', () => {
    const loaded = loadPseudonymKey({ env: {} });
    expect(loaded.key).toBeNull();
    expect(loaded.source).toBe('none');
    expect(loaded.warning).toMatch(/No pseudonym key.*repeat attendances cannot be linked/);
  });

  it('treats an empty environment variable as unset', () => {
    expect(loadPseudonymKey({ env: { [PSEUDONYM_KEY_ENV]: '  ' } }).source).toBe('none');
  });
});

describe('createPseudonymKeyFile', () => {
  it('writes 32 random bytes as hex, owner-only, that loadPseudonymKey accepts', () => {
    const file = path.join(directory, 'new.key');
    createPseudonymKeyFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(loadPseudonymKey({ keyFile: file, env: {} }).key).toHaveLength(32);
  });

  it('makes a different key each time', () => {
    createPseudonymKeyFile(path.join(directory, 'a.key'));
    createPseudonymKeyFile(path.join(directory, 'b.key'));
    expect(readFileSync(path.join(directory, 'a.key'), 'utf8')).not.toBe(readFileSync(path.join(directory, 'b.key'), 'utf8'));
  });

  it('refuses to overwrite an existing key', () => {
    const file = keyFile('cd'.repeat(32), 0o600);
    expect(() => createPseudonymKeyFile(file)).toThrow(`Pseudonym key file ${file} already exists`);
    expect(readFileSync(file, 'utf8')).toBe('cd'.repeat(32));
  });
});
