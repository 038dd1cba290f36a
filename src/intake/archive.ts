/**
 * Where a claimed file ends up: archive/ after ingest (owner-only, purged after
 * the retention period), or quarantine/ with a reason file beside it when it
 * could not be read as an extract.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataDirectory } from '../config/data-dir.ts';
import { releaseClaim, type ClaimedFile } from './claim.ts';
import { fitFileName, OWNER_ONLY_FILE, OWNER_ONLY_FOLDER } from './file-names.ts';

/** Room for ".N" and ".reason.json.tmp" after a name. */
const SUFFIX_ROOM = 24;

function uniqueTarget(folder: string, originalName: string): string {
  const name = fitFileName(originalName, SUFFIX_ROOM);
  let target = path.join(folder, name);
  for (let n = 2; ; n += 1) {
    try {
      statSync(target);
    } catch {
      return target;
    }
    const extension = path.extname(name);
    target = path.join(folder, `${path.basename(name, extension)}.${n}${extension}`);
  }
}

/**
 * Makes `folder` (and any parents named) owner-only, creating it when missing:
 * mkdir's mode is cut by the umask and leaves an existing folder as it was.
 */
function ownerOnlyFolder(folder: string, ...parents: string[]): void {
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
  for (const parent of parents) chmodSync(parent, OWNER_ONLY_FOLDER);
  chmodSync(folder, OWNER_ONLY_FOLDER);
}

/** Moves a claimed file to `target`, owner-only, and gives up the claim. */
function moveClaimed(claimed: ClaimedFile, target: string): void {
  chmodSync(claimed.path, OWNER_ONLY_FILE);
  renameSync(claimed.path, target);
  releaseClaim(claimed.path);
}

/** Moves a claimed file to archive/YYYY-MM-DD/ (the day of archiving), owner-only. Returns its new path. */
export function archiveFile(directory: DataDirectory, claimed: ClaimedFile, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  const folder = path.join(directory.archive, day);
  ownerOnlyFolder(folder, directory.archive);
  const target = uniqueTarget(folder, claimed.originalName);
  moveClaimed(claimed, target);
  return target;
}

export interface QuarantineReason {
  file: string;
  reason: string;
  /** Line the problem is on, when there is one. */
  line: number | null;
  details?: unknown;
  quarantinedAt: string;
}

/**
 * Moves a claimed file to quarantine/ and writes <name>.reason.json beside it.
 * The reason file is written first, so a crash between the two leaves the file
 * in processing/ to be tried again, never a quarantined file without a reason.
 */
export function quarantineFile(directory: DataDirectory, claimed: ClaimedFile, reason: Omit<QuarantineReason, 'file' | 'quarantinedAt'>, now: Date): string {
  ownerOnlyFolder(directory.quarantine);
  const target = uniqueTarget(directory.quarantine, claimed.originalName);
  const record: QuarantineReason = { file: claimed.originalName, ...reason, quarantinedAt: now.toISOString() };
  const reasonFile = `${target}.reason.json`;
  writeFileSync(`${reasonFile}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: OWNER_ONLY_FILE });
  renameSync(`${reasonFile}.tmp`, reasonFile);
  moveClaimed(claimed, target);
  return target;
}

export interface PurgeSummary {
  purgedFiles: number;
  purgedBytes: number;
  retentionDays: number;
}

/** Deletes archived raw extracts older than the retention period (by the day folder they were archived in). */
export function purgeArchiveFolder(directory: DataDirectory, retentionDays: number, now: Date): PurgeSummary {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString().slice(0, 10);
  let purgedFiles = 0;
  let purgedBytes = 0;
  for (const day of readdirSync(directory.archive)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day >= cutoff) continue;
    const folder = path.join(directory.archive, day);
    for (const name of readdirSync(folder)) {
      purgedBytes += statSync(path.join(folder, name)).size;
      purgedFiles += 1;
    }
    rmSync(folder, { recursive: true, force: true });
  }
  return { purgedFiles, purgedBytes, retentionDays };
}

const DAY_MS = 86_400_000;

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Deletes quarantined files (with their reason files) quarantined longer ago
 * than the retention period: they hold raw identifiers as much as archived
 * extracts do. A file without a reason file goes by its modification time.
 */
export function purgeQuarantineFolder(directory: DataDirectory, retentionDays: number, now: Date): PurgeSummary {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  let purgedFiles = 0;
  let purgedBytes = 0;
  const remove = (file: string) => {
    purgedBytes += sizeOf(file);
    purgedFiles += 1;
    rmSync(file, { force: true });
  };
  if (!existsSync(directory.quarantine)) return { purgedFiles, purgedBytes, retentionDays };
  for (const name of readdirSync(directory.quarantine)) {
    if (name.endsWith('.reason.json')) continue;
    const file = path.join(directory.quarantine, name);
    const reasonFile = `${file}.reason.json`;
    let at: number;
    try {
      at = existsSync(reasonFile) ? Date.parse((JSON.parse(readFileSync(reasonFile, 'utf8')) as QuarantineReason).quarantinedAt) : statSync(file).mtimeMs;
    } catch {
      at = statSync(file).mtimeMs;
    }
    if (!(at < cutoff)) continue;
    remove(file);
    if (existsSync(reasonFile)) rmSync(reasonFile, { force: true });
  }
  return { purgedFiles, purgedBytes, retentionDays };
}

/**
 * Deletes what interrupted runs leave in processing/ besides claims: half-made
 * copies and temporary files older than the retention period. Claims themselves
 * are finished or moved aside by the next ingest, never deleted unread.
 */
export function purgeProcessingDebris(directory: DataDirectory, retentionDays: number, now: Date): PurgeSummary {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  let purgedFiles = 0;
  let purgedBytes = 0;
  for (const name of readdirSync(directory.processing)) {
    if (!/\.(copying|tmp)$/.test(name)) continue;
    const file = path.join(directory.processing, name);
    const stat = statSync(file);
    if (stat.mtimeMs >= cutoff) continue;
    purgedBytes += stat.size;
    purgedFiles += 1;
    rmSync(file, { force: true });
  }
  return { purgedFiles, purgedBytes, retentionDays };
}
