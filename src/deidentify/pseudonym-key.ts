/**
 * The pseudonym key: the secret under which NHS numbers and attendance
 * references are turned into keyed hashes. It lives outside the database (an
 * environment variable or an owner-only file), so the store alone cannot be
 * used to test a guessed NHS number.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';

export const PSEUDONYM_KEY_ENV = 'ISTV_PSEUDONYM_KEY';
/** 256 bits: the HMAC-SHA256 block of security, and what `istv keygen` writes. */
export const MINIMUM_KEY_BYTES = 32;

export interface LoadedPseudonymKey {
  /** null: no key configured, so no pseudonyms (repeat key and attendance key stay null). */
  key: Buffer | null;
  source: 'env' | 'file' | 'none';
  /** Said once by the caller when there is no key. */
  warning?: string;
}

export class PseudonymKeyError extends Error {
  override name = 'PseudonymKeyError';
}

/**
 * A key written as hex (64+ hex digits) or base64. The error says how long the
 * decoded key was, never what it was.
 */
export function decodeKeyText(text: string, where: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  else throw new PseudonymKeyError(`${where}: the pseudonym key must be hex or base64 text (got ${trimmed.length} characters of neither)`);
  if (key.length < MINIMUM_KEY_BYTES) {
    throw new PseudonymKeyError(`${where}: the pseudonym key is ${key.length} bytes; at least ${MINIMUM_KEY_BYTES} are needed (run istv keygen)`);
  }
  return key;
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/**
 * The key from ISTV_PSEUDONYM_KEY (which wins), else from `keyFile`. A key file
 * readable by group or others is refused: a key anyone on the machine can read
 * protects nothing. A key file that is named but missing is an error too; only
 * with neither is there no key, and then `warning` says what that means.
 */
export function loadPseudonymKey(options: { keyFile?: string | null; env?: NodeJS.ProcessEnv }): LoadedPseudonymKey {
  const env = options.env ?? process.env;
  const fromEnv = env[PSEUDONYM_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { key: decodeKeyText(fromEnv, PSEUDONYM_KEY_ENV), source: 'env' };
  }
  if (options.keyFile) {
    const file = options.keyFile;
    let mode: number;
    try {
      mode = statSync(file).mode;
    } catch (error) {
      throw new PseudonymKeyError(`Pseudonym key file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new PseudonymKeyError(
        `Pseudonym key file ${file} has mode ${octal(mode)}: it must be readable by its owner only (chmod 600 ${file})`,
      );
    }
    return { key: decodeKeyText(readFileSync(file, 'utf8'), `Pseudonym key file ${file}`), source: 'file' };
  }
  return {
    key: null,
    source: 'none',
    warning: `No pseudonym key (set ${PSEUDONYM_KEY_ENV} or deidentify.pseudonymKeyFile; create one with istv keygen): repeat attendances cannot be linked and attendance references are not keyed`,
  };
}

/**
 * Writes a new key (32 random bytes as hex) to `file`, owner-only. Refuses to
 * overwrite an existing file: replacing a key silently breaks every repeat link
 * made under the old one.
 */
export function createPseudonymKeyFile(file: string): void {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new PseudonymKeyError(`Pseudonym key file ${file} already exists; not overwriting it`);
    throw new PseudonymKeyError(`Cannot create pseudonym key file ${file} (${code ?? String(error)})`);
  }
  try {
    writeSync(descriptor, `${randomBytes(MINIMUM_KEY_BYTES).toString('hex')}\n`);
  } finally {
    closeSync(descriptor);
  }
  // The umask may have narrowed the mode further but never widened it; set it exactly anyway.
  chmodSync(file, 0o600);
}
