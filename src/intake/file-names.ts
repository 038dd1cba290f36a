/**
 * File names and modes for what istv writes under the data dir. Names come from
 * hospital IT and may be as long as the file system allows; istv adds prefixes
 * and suffixes (claim ids, ".reason.json"), so a name is shortened to leave room,
 * keeping its extension and a hash of the whole so that two long names stay apart.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Raw extracts, reason files, logs, packs: readable by the istv account only. */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_FOLDER = 0o700;

/** Linux and macOS allow 255 bytes per name. */
const NAME_MAX = 255;

/** `name`, shortened if needed so that `reserve` more bytes still fit in one file name. */
export function fitFileName(name: string, reserve: number): string {
  const limit = NAME_MAX - reserve;
  if (Buffer.byteLength(name) <= limit) return name;
  const extension = path.extname(name).slice(0, 16);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  const room = limit - Buffer.byteLength(extension) - hash.length - 1;
  let stem = '';
  for (const character of name.slice(0, name.length - extension.length)) {
    if (Buffer.byteLength(stem + character) > room) break;
    stem += character;
  }
  return `${stem}~${hash}${extension}`;
}
