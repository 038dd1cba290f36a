/**
 * Claiming a file for a run. A file moves from inbox/ (or is copied from a path
 * named on the command line) into processing/ with one rename, which is atomic
 * on one file system: two runs racing for the same file cannot both get it.
 * A file left in processing/ by a crash is picked up again by the next run.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DataDirectory } from '../config/data-dir.ts';

export interface ClaimedFile {
  /** The name hospital IT gave the file. */
  originalName: string;
  /** Where the file is now, under processing/. */
  path: string;
  /** When the file was dropped (its modification time), ISO 8601. */
  receivedAt: string;
}

const CLAIM_SEPARATOR = '__';

/** Names hospital IT may be writing right now, or that are not extracts. */
export function isIgnoredInboxName(name: string): boolean {
  return name.startsWith('.') || /\.(tmp|part|partial|crdownload|filepart|lock)$/i.test(name) || name.startsWith('~$');
}

function claimName(originalName: string): string {
  // Sorts in claim order, and keeps the original name recoverable after the separator.
  return `${Date.now().toString(36).padStart(9, '0')}-${randomBytes(3).toString('hex')}${CLAIM_SEPARATOR}${originalName}`;
}

export function originalNameOf(claimedPath: string): string {
  const name = path.basename(claimedPath);
  const at = name.indexOf(CLAIM_SEPARATOR);
  return at === -1 ? name : name.slice(at + CLAIM_SEPARATOR.length);
}

function describe(claimedPath: string): ClaimedFile {
  return { originalName: originalNameOf(claimedPath), path: claimedPath, receivedAt: statSync(claimedPath).mtime.toISOString() };
}

/**
 * Files in the inbox, oldest first, so that a resubmission is ingested after the
 * file it replaces. Files dropped in the same second (a batch copied at once)
 * are taken in name order, which puts "X_2026-06.csv" before "X_2026-06_v2.csv".
 */
export function listInbox(directory: DataDirectory): string[] {
  return readdirSync(directory.inbox, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !isIgnoredInboxName(entry.name))
    .map((entry) => ({ name: entry.name, second: Math.floor(statSync(path.join(directory.inbox, entry.name)).mtimeMs / 1000) }))
    .sort((a, b) => a.second - b.second || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name }) => path.join(directory.inbox, name));
}

/** Moves an inbox file into processing/. Null when another run claimed it first. */
export function claimInboxFile(directory: DataDirectory, inboxFile: string): ClaimedFile | null {
  const target = path.join(directory.processing, claimName(path.basename(inboxFile)));
  try {
    renameSync(inboxFile, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return describe(target);
}

/** Copies a file named on the command line into processing/ (the original is left where it is). */
export function claimExternalFile(directory: DataDirectory, file: string): ClaimedFile {
  const target = path.join(directory.processing, claimName(path.basename(file)));
  const temporary = `${target}.copying`;
  copyFileSync(file, temporary);
  renameSync(temporary, target);
  return { ...describe(target), receivedAt: statSync(file).mtime.toISOString() };
}

/** Files a crashed run left in processing/, in claim order. */
export function listAbandonedClaims(directory: DataDirectory): ClaimedFile[] {
  return readdirSync(directory.processing)
    .filter((name) => name.includes(CLAIM_SEPARATOR) && !name.endsWith('.copying'))
    .sort()
    .map((name) => describe(path.join(directory.processing, name)));
}
