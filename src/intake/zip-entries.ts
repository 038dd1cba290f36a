/**
 * The CSV files inside a zip archive (police.uk's monthly downloads are zips
 * of `YYYY-MM/YYYY-MM-<force>-street.csv`). Each entry is copied to an
 * owner-only temporary file, handed to the caller, and removed afterwards, so
 * every reader that takes a file path reads archive entries too.
 *
 * The archive is opened through `openZip`, the one zip reader of intake: its
 * directory is checked (member count, member and total size, compression
 * ratio, encryption) before a byte is inflated, and yauzl checks each entry's
 * inflated bytes against the directory as it streams. Only the limits differ
 * from a hospital's archive: police.uk's downloads are larger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ZIP_LIMITS, extractMember, openZip, type ZipLimits } from './zip.ts';

/**
 * police.uk's archives: the all-forces month is about 1 GB of CSV in some 130
 * files, and a download of three years holds a few thousand. Entries are
 * inflated one at a time and removed, so the total bounds time, not disk.
 */
export const POLICE_ZIP_LIMITS: ZipLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxEntries: 20_000,
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 200 * 1024 ** 3,
};

export interface ZipCsvEntry {
  /** The entry's name inside the archive, with forward slashes. */
  name: string;
  /** A temporary copy of the entry, valid while the callback runs. */
  file: string;
}

/** True when the file starts with a zip local-header signature (whatever its name says). */
export async function isZipFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

export type ZipCsvResult = { ok: true; skipped: string[] } | { ok: false; reason: string };

/**
 * Calls `each` with every `.csv` entry of the archive, in archive order, and
 * returns the names of the entries it skipped (folders and other files), or the
 * reason the archive was refused (completing "the archive was refused because ...").
 * An entry whose data is damaged or lies about its size throws.
 */
export async function forEachZipCsvEntry(archive: string, each: (entry: ZipCsvEntry) => Promise<void>, limits: ZipLimits = POLICE_ZIP_LIMITS): Promise<ZipCsvResult> {
  const opened = await openZip(archive, limits);
  if (!opened.ok) return opened;
  const { zip } = opened;
  const folder = mkdtempSync(path.join(tmpdir(), 'istv-zip-'));
  const skipped: string[] = [];
  const seen = new Set<string>();
  try {
    for (const member of zip.members) {
      if (member.isFolder) continue;
      const name = member.name.replace(/\\/g, '/');
      // A name stored twice is read once: the directory is the archive's own account of its files.
      const repeated = seen.has(member.name);
      seen.add(member.name);
      if (repeated || !/\.csv$/i.test(name) || path.posix.basename(name).startsWith('.') || name.startsWith('__MACOSX/')) {
        skipped.push(name);
        continue;
      }
      // The entry's own name is never used as a path: a hostile "../" cannot escape the folder.
      const copy = path.join(folder, 'entry.csv');
      await extractMember(zip, member.name, copy);
      try {
        await each({ name, file: copy });
      } finally {
        rmSync(copy, { force: true });
      }
    }
  } finally {
    zip.close();
    rmSync(folder, { recursive: true, force: true });
  }
  return { ok: true, skipped };
}
