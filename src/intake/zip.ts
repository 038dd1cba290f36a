/**
 * Reading ZIP containers (a .zip of extracts, or an .xlsx workbook, which is a
 * ZIP of XML parts) within limits. The central directory is read first and
 * refused before a byte is inflated when the container could not be read
 * safely: too many members, members too large, a compression ratio that only a
 * zip bomb has, encryption, or a compression method yauzl cannot inflate.
 * Declared sizes are not trusted: yauzl checks each member's inflated bytes
 * against its declared size as it streams, so a lying header fails the read.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export interface ZipLimits {
  /** Members in the central directory, folders included. */
  maxEntries: number;
  /** Inflated bytes of any one member. */
  maxEntryBytes: number;
  /** Inflated bytes of all members together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size above which a member is taken for a bomb (checked for members over `ratioFloorBytes`). */
  maxRatio: number;
  /** Members smaller than this may have any ratio (an empty or tiny member compresses absurdly well). */
  ratioFloorBytes: number;
}

/**
 * Generous for real extracts (a 1.5-million-row month is about 300 MB of CSV;
 * real text compresses 5 to 20 times) and far below what a bomb expands to.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 500,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipMember {
  /** The member's path inside the container, as stored (forward slashes). */
  name: string;
  isFolder: boolean;
  compressedSize: number;
  uncompressedSize: number;
}

/** An open container whose central directory passed the limits. */
export interface OpenZip {
  members: ZipMember[];
  /** Streams one member's inflated bytes. */
  openMember(name: string): Promise<Readable>;
  close(): void;
}

export type ZipOpenResult = { ok: true; zip: OpenZip } | { ok: false; reason: string };

const STORED = 0;
const DEFLATED = 8;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function openFile(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // lazyEntries: the directory is read one entry at a time, so a directory of a
    // million entries is refused at the limit instead of being read into memory.
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (error, zipfile) => {
      if (error || !zipfile) reject(error ?? new Error('yauzl gave no zip file'));
      else resolve(zipfile);
    });
  });
}

/** Why a member cannot be read, or null. Names the member (a file name, not data) and the limit. */
function memberProblem(entry: yauzl.Entry, limits: ZipLimits): string | null {
  const name = entry.fileName;
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
    return `it is encrypted (password-protected; member "${name}"). istv cannot read encrypted archives: send the files without a password over the agreed secure transfer.`;
  }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    return `member "${name}" uses compression method ${entry.compressionMethod}, which istv cannot read; create the archive with ordinary (deflate) compression.`;
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return `member "${name}" would expand to ${megabytes(entry.uncompressedSize)}, more than the ${megabytes(limits.maxEntryBytes)} allowed for one file.`;
  }
  if (entry.uncompressedSize >= limits.ratioFloorBytes && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
    return `member "${name}" would expand ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times (more than ${limits.maxRatio}), which only a zip bomb does.`;
  }
  return null;
}

type Directory = { ok: true; members: ZipMember[]; entries: yauzl.Entry[] } | { ok: false; reason: string };

function readDirectory(zipfile: yauzl.ZipFile, limits: ZipLimits): Promise<Directory> {
  return new Promise((resolve, reject) => {
    const members: ZipMember[] = [];
    const entries: yauzl.Entry[] = [];
    let total = 0;
    let settled = false;
    const finish = (value: Directory) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    zipfile.on('entry', (entry: yauzl.Entry) => {
      const problem = memberProblem(entry, limits);
      if (problem) return finish({ ok: false, reason: problem });
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        return finish({ ok: false, reason: `its members would expand to more than ${megabytes(limits.maxTotalBytes)} together.` });
      }
      entries.push(entry);
      members.push({ name: entry.fileName, isFolder: entry.fileName.endsWith('/'), compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize });
      zipfile.readEntry();
    });
    zipfile.on('end', () => finish({ ok: true, members, entries }));
    zipfile.on('error', (error: Error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    zipfile.readEntry();
  });
}

/** The reason yauzl gave, as something a hospital's IT team can act on. */
function unreadable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `it cannot be read as a ZIP archive (${message}); it may be truncated or damaged.`;
}

/**
 * Opens a ZIP container and checks its directory against the limits. A refusal
 * is a value whose reason completes the sentence "The archive/workbook was
 * refused because ...".
 */
export async function openZip(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipOpenResult> {
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await openFile(file);
  } catch (error) {
    return { ok: false, reason: unreadable(error) };
  }
  if (zipfile.entryCount > limits.maxEntries) {
    zipfile.close();
    return { ok: false, reason: `it holds ${zipfile.entryCount} members, more than the ${limits.maxEntries} allowed.` };
  }
  let directory: Directory;
  try {
    directory = await readDirectory(zipfile, limits);
  } catch (error) {
    zipfile.close();
    return { ok: false, reason: unreadable(error) };
  }
  if (!directory.ok) {
    zipfile.close();
    return directory;
  }
  const byName = new Map<string, yauzl.Entry>();
  for (const entry of directory.entries) if (!byName.has(entry.fileName)) byName.set(entry.fileName, entry);
  return {
    ok: true,
    zip: {
      members: directory.members,
      openMember(name) {
        const entry = byName.get(name);
        if (!entry) return Promise.reject(new Error(`no member "${name}" in the archive`));
        return new Promise((resolve, reject) => {
          zipfile.openReadStream(entry, (error, stream) => {
            if (error || !stream) reject(error ?? new Error('yauzl gave no stream'));
            else resolve(stream);
          });
        });
      },
      close() {
        zipfile.close();
      },
    },
  };
}

/**
 * Writes one member's inflated bytes to a file (owner-only). Throws when the
 * member's data is damaged or lies about its size, or when `signal` aborts
 * (the inflating stops there).
 */
export async function extractMember(zip: OpenZip, name: string, target: string, signal?: AbortSignal): Promise<void> {
  const source = await zip.openMember(name);
  await pipeline(source, createWriteStream(target, { mode: 0o600, flags: 'wx' }), signal ? { signal } : {});
}

/** Reads one member wholly into memory: for the small XML parts of a workbook. */
export async function readMember(zip: OpenZip, name: string, maxBytes: number): Promise<Buffer> {
  const source = await zip.openMember(name);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    length += (chunk as Buffer).length;
    if (length > maxBytes) {
      source.destroy();
      throw new Error(`member "${name}" is larger than ${megabytes(maxBytes)}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
