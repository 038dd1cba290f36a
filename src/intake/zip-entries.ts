/**
 * The CSV files inside a zip archive (police.uk's monthly downloads are zips
 * of `YYYY-MM/YYYY-MM-<force>-street.csv`). Each entry is copied to an
 * owner-only temporary file, handed to the caller, and removed afterwards, so
 * every reader that takes a file path reads archive entries too.
 *
 * yauzl checks entry sizes against the central directory as it inflates, so a
 * lying archive fails instead of filling the disk; the total copied is also
 * capped.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** The largest entry istv will inflate: police.uk's all-forces month is about 1 GB. */
export const MAX_ENTRY_BYTES = 4 * 1024 ** 3;

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

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/**
 * Calls `each` with every `.csv` entry of the archive, in archive order, and
 * returns the names of the entries it skipped (folders and other files).
 */
export async function forEachZipCsvEntry(archive: string, each: (entry: ZipCsvEntry) => Promise<void>): Promise<{ skipped: string[] }> {
  const zip = await openZip(archive);
  const folder = mkdtempSync(path.join(tmpdir(), 'istv-zip-'));
  const skipped: string[] = [];
  try {
    for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
      const name = entry.fileName.replace(/\\/g, '/');
      if (name.endsWith('/')) continue;
      if (!/\.csv$/i.test(name) || path.posix.basename(name).startsWith('.') || name.startsWith('__MACOSX/')) {
        skipped.push(name);
        continue;
      }
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw new Error(`${name} in the archive is ${entry.uncompressedSize} bytes, more than istv reads (${MAX_ENTRY_BYTES})`);
      // The entry's own name is never used as a path: a hostile "../" cannot escape the folder.
      const copy = path.join(folder, 'entry.csv');
      await pipeline(await readStream(zip, entry), createWriteStream(copy, { mode: 0o600 }));
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
  return { skipped };
}
