/**
 * Where a claimed file ends up: archive/ after ingest (owner-only, purged after
 * the retention period), or quarantine/ with a reason file beside it when it
 * could not be read as an extract.
 */
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataDirectory } from '../config/data-dir.ts';
import type { ClaimedFile } from './claim.ts';

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_FOLDER = 0o700;

function uniqueTarget(folder: string, name: string): string {
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

/** Moves a claimed file to archive/YYYY-MM-DD/ (the day of archiving), owner-only. Returns its new path. */
export function archiveFile(directory: DataDirectory, claimed: ClaimedFile, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  const folder = path.join(directory.archive, day);
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
  chmodSync(directory.archive, OWNER_ONLY_FOLDER);
  chmodSync(folder, OWNER_ONLY_FOLDER);
  chmodSync(claimed.path, OWNER_ONLY_FILE);
  const target = uniqueTarget(folder, claimed.originalName);
  renameSync(claimed.path, target);
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
  mkdirSync(directory.quarantine, { recursive: true, mode: OWNER_ONLY_FOLDER });
  const target = uniqueTarget(directory.quarantine, claimed.originalName);
  const record: QuarantineReason = { file: claimed.originalName, ...reason, quarantinedAt: now.toISOString() };
  const reasonFile = `${target}.reason.json`;
  writeFileSync(`${reasonFile}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: OWNER_ONLY_FILE });
  renameSync(`${reasonFile}.tmp`, reasonFile);
  chmodSync(claimed.path, OWNER_ONLY_FILE);
  renameSync(claimed.path, target);
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
