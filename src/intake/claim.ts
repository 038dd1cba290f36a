/**
 * Claiming a file for a run. A file moves from inbox/ (or is copied from a path
 * named on the command line) into processing/ with one rename, which is atomic
 * on one file system: two runs racing for the same file cannot both get it.
 *
 * Only complete files are claimed. Hospital transfer jobs write a file over
 * seconds or minutes, so an inbox file is ready when either
 *  - a marker `<name>.done` sits beside it (the transfer wrote the file, then
 *    the marker): claimed at once, and the marker removed; or
 *  - it has not been written to for `settleSeconds` (its size and mtime have
 *    stood still that long; default 60 s). A transfer that writes under a
 *    temporary name (`.tmp`, `.part`, ...) and renames when done may set
 *    `settleSeconds` to 0.
 * The run checks again before commit that the claimed file has not changed
 * since (a writer holding the file open keeps writing into it after the rename).
 *
 * Beside each claimed file lies `<claim>.claim.json`: the original name, who
 * claimed it (pid, host, boot id), how many runs have tried it and the size and
 * mtime it was claimed at. A claim whose owner is gone is picked up by the next
 * run; one that runs have failed on twice is moved aside with a reason.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DataDirectory } from '../config/data-dir.ts';
import { goneReason, liveOwnerTokens, type Owner } from '../lib/process-identity.ts';
import { fitFileName, OWNER_ONLY_FILE } from './file-names.ts';

export interface ClaimedFile {
  /** The name hospital IT gave the file. */
  originalName: string;
  /** Where the file is now, under processing/. */
  path: string;
  /** When the file was dropped (its modification time), ISO 8601. */
  receivedAt: string;
  /** Size and mtime when claimed: the file must still have them at commit. */
  sizeBytes: number;
  mtimeMs: number;
  /** Runs that have started on this file, this one included. */
  attempts: number;
  /**
   * Runs that failed on it: an error of istv while reading it, or the process
   * exiting with the file in hand. A kill from outside (SIGKILL, power loss)
   * is not counted: it is no fault of the file, and the next run finishes it.
   */
  failures: number;
  owner: Owner;
}

const CLAIM_SEPARATOR = '__';
const CLAIM_RECORD = '.claim.json';
const DONE_MARKER = '.done';

const claimRecordSchema = z.object({
  originalName: z.string(),
  receivedAt: z.string(),
  sizeBytes: z.number(),
  mtimeMs: z.number(),
  attempts: z.number().int().min(0),
  failures: z.number().int().min(0).default(0),
  owner: z.object({ pid: z.number(), host: z.string(), bootId: z.string().nullable(), token: z.string(), command: z.string(), startedAt: z.string() }),
});
type ClaimRecord = z.infer<typeof claimRecordSchema>;
/** The folder beside a claimed archive that holds its inflated members while they are ingested. */
export const MEMBERS_FOLDER_SUFFIX = '.members';

/** Names hospital IT may be writing right now, or that are not extracts. */
export function isIgnoredInboxName(name: string): boolean {
  return name.startsWith('.') || /\.(tmp|part|partial|crdownload|filepart|lock|done)$/i.test(name) || name.startsWith('~$');
}

function claimName(originalName: string): string {
  // Sorts in claim order, and keeps the original name recognisable after the separator.
  const prefix = `${Date.now().toString(36).padStart(9, '0')}-${randomBytes(3).toString('hex')}${CLAIM_SEPARATOR}`;
  // Room for the longest suffix istv puts after a claim: ".claim.json.tmp".
  return prefix + fitFileName(originalName, prefix.length + `${CLAIM_RECORD}.tmp`.length);
}

function recordPath(claimedPath: string): string {
  return `${claimedPath}${CLAIM_RECORD}`;
}

function readClaimRecord(claimedPath: string): ClaimRecord | null {
  try {
    const parsed = claimRecordSchema.safeParse(JSON.parse(readFileSync(recordPath(claimedPath), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeClaimRecord(claimedPath: string, record: ClaimRecord): void {
  const file = recordPath(claimedPath);
  writeFileSync(`${file}.tmp`, JSON.stringify(record), { mode: OWNER_ONLY_FILE });
  renameSync(`${file}.tmp`, file);
}

export function originalNameOf(claimedPath: string): string {
  const recorded = readClaimRecord(claimedPath);
  if (recorded) return recorded.originalName;
  const name = path.basename(claimedPath);
  const at = name.indexOf(CLAIM_SEPARATOR);
  return at === -1 ? name : name.slice(at + CLAIM_SEPARATOR.length);
}

export interface InboxListing {
  /** Complete files, oldest first. */
  ready: string[];
  /** Files written to within the settle interval, with no `.done` marker: left for a later run. */
  settling: string[];
  /** Entries that are not regular files (folders, links, pipes): never claimed. */
  notRegular: string[];
}

export interface InboxOptions {
  /** How long a file must stand unchanged before it is claimed without a marker. */
  settleMs: number;
  now: Date;
}

/**
 * The inbox, sorted into complete files (oldest first, so that a resubmission is
 * ingested after the file it replaces; files dropped in the same second are
 * taken in name order, which puts "X_2026-06.csv" before "X_2026-06_v2.csv"),
 * files still settling, and entries that are not regular files.
 */
export function scanInbox(directory: DataDirectory, options: InboxOptions): InboxListing {
  const listing: InboxListing = { ready: [], settling: [], notRegular: [] };
  const entries = readdirSync(directory.inbox, { withFileTypes: true });
  const names = new Set(entries.map((entry) => entry.name));
  const ready: Array<{ name: string; second: number }> = [];
  for (const entry of entries) {
    if (!entry.isFile()) {
      if (!entry.name.startsWith('.')) listing.notRegular.push(entry.name);
      continue;
    }
    if (isIgnoredInboxName(entry.name)) continue;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path.join(directory.inbox, entry.name)).mtimeMs;
    } catch {
      continue; // claimed by another run meanwhile
    }
    const marked = names.has(`${entry.name}${DONE_MARKER}`);
    if (!marked && options.now.getTime() - mtimeMs < options.settleMs) listing.settling.push(entry.name);
    else ready.push({ name: entry.name, second: Math.floor(mtimeMs / 1000) });
  }
  listing.ready = ready
    .sort((a, b) => a.second - b.second || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name }) => path.join(directory.inbox, name));
  listing.settling.sort();
  listing.notRegular.sort();
  return listing;
}

/** Every inbox file that could be claimed now, ignoring the settle interval (for "is anything waiting?"). */
export function listInbox(directory: DataDirectory): string[] {
  return scanInbox(directory, { settleMs: 0, now: new Date() }).ready;
}

export type ClaimResult =
  | { status: 'claimed'; claimed: ClaimedFile }
  /** Another run took it first. */
  | { status: 'gone' }
  /** The file could not be claimed; it stays where it was. Never stops the other files. */
  | { status: 'failed'; reason: string };

function describeClaim(target: string, record: ClaimRecord): ClaimedFile {
  return {
    path: target, originalName: record.originalName, receivedAt: record.receivedAt, sizeBytes: record.sizeBytes, mtimeMs: record.mtimeMs,
    attempts: record.attempts, failures: record.failures, owner: record.owner,
  };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/** Moves an inbox file into processing/, recording who claimed it. */
export function claimInboxFile(directory: DataDirectory, inboxFile: string, owner: Owner): ClaimResult {
  const originalName = path.basename(inboxFile);
  let target: string | null = null;
  try {
    const stat = lstatSync(inboxFile);
    if (!stat.isFile()) return { status: 'failed', reason: 'not a regular file' };
    target = path.join(directory.processing, claimName(originalName));
    const record: ClaimRecord = { originalName, receivedAt: stat.mtime.toISOString(), sizeBytes: stat.size, mtimeMs: stat.mtimeMs, attempts: 0, failures: 0, owner };
    // The record first: a crash between the two leaves a record without a file, which is cleared.
    writeClaimRecord(target, record);
    renameSync(inboxFile, target);
    // Raw identifiers: owner-only from here on, whatever mode the transfer wrote it with.
    chmodSync(target, OWNER_ONLY_FILE);
    // A name of 251 bytes or more can have no marker (the marker's name would be too long).
    if (Buffer.byteLength(originalName) + DONE_MARKER.length <= 255) rmSync(`${inboxFile}${DONE_MARKER}`, { force: true });
    // Size and mtime as they are now, after the rename: a write in between counts as a change.
    const after = statSync(target);
    return { status: 'claimed', claimed: describeClaim(target, { ...record, sizeBytes: after.size, mtimeMs: after.mtimeMs }) };
  } catch (error) {
    if (target) rmSync(recordPath(target), { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(inboxFile)) return { status: 'gone' };
    return { status: 'failed', reason: `cannot claim the file (${errorCode(error)})` };
  }
}

/** Copies a file named on the command line into processing/ (the original is left where it is). */
export function claimExternalFile(directory: DataDirectory, file: string, owner: Owner): ClaimResult {
  let target: string | null = null;
  try {
    const source = statSync(file);
    if (!source.isFile()) return { status: 'failed', reason: 'not a regular file' };
    target = path.join(directory.processing, claimName(path.basename(file)));
    const temporary = `${target}.copying`;
    copyFileSync(file, temporary);
    chmodSync(temporary, OWNER_ONLY_FILE);
    const copied = statSync(temporary);
    const record: ClaimRecord = { originalName: path.basename(file), receivedAt: source.mtime.toISOString(), sizeBytes: copied.size, mtimeMs: copied.mtimeMs, attempts: 0, failures: 0, owner };
    writeClaimRecord(target, record);
    renameSync(temporary, target);
    return { status: 'claimed', claimed: describeClaim(target, record) };
  } catch (error) {
    if (target) {
      rmSync(`${target}.copying`, { force: true });
      rmSync(recordPath(target), { force: true });
    }
    return { status: 'failed', reason: `cannot claim the file (${errorCode(error)})` };
  }
}

/** Records that a run is starting on the file (one more attempt), under its owner. */
export function beginAttempt(claimed: ClaimedFile, owner: Owner): ClaimedFile {
  const next = { ...claimed, attempts: claimed.attempts + 1, owner };
  writeRecordOf(next);
  return next;
}

function writeRecordOf(claimed: ClaimedFile): void {
  const { originalName, receivedAt, sizeBytes, mtimeMs, attempts, failures, owner } = claimed;
  writeClaimRecord(claimed.path, { originalName, receivedAt, sizeBytes, mtimeMs, attempts, failures, owner });
}

/** Counts one more failed run on the file (synchronously: it is also called as the process exits). */
export function recordFailure(claimed: ClaimedFile): ClaimedFile {
  const next = { ...claimed, failures: claimed.failures + 1 };
  if (existsSync(claimed.path)) writeRecordOf(next);
  return next;
}

function isFolder(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The folder beside a claimed archive where its members are inflated. */
export function membersFolderOf(claimed: { path: string }): string {
  return `${claimed.path}${MEMBERS_FOLDER_SUFFIX}`;
}

/**
 * Removes what a claim keeps beside its file once the file has left
 * processing/: the claim record and, for an archive, its inflated members (they
 * are in the archive, wherever it went).
 */
export function releaseClaim(claimedPath: string): void {
  rmSync(recordPath(claimedPath), { force: true });
  rmSync(membersFolderOf({ path: claimedPath }), { recursive: true, force: true });
}

/** Whether the file still has the size and mtime it was claimed at. */
export function unchangedSinceClaim(claimed: ClaimedFile): boolean {
  try {
    const now = statSync(claimed.path);
    return now.size === claimed.sizeBytes && now.mtimeMs === claimed.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Puts a file that changed after it was claimed back in the inbox under its
 * own name, to be claimed again once complete. False when the inbox already
 * has a file of that name (then it stays in processing/ for the next run).
 */
export function returnToInbox(directory: DataDirectory, claimed: ClaimedFile): boolean {
  const target = path.join(directory.inbox, claimed.originalName);
  if (existsSync(target) || Buffer.byteLength(claimed.originalName) > 255) return false;
  renameSync(claimed.path, target);
  releaseClaim(claimed.path);
  return true;
}

export interface ClaimInProcessing extends ClaimedFile {
  /** Why its owner is known to be gone; null while the owner may be running. */
  ownerGone: string | null;
}

/** Files in processing/ with their claim records, in claim order. Records left without a file are cleared. */
export function listClaims(directory: DataDirectory, now: Date = new Date()): ClaimInProcessing[] {
  const names = readdirSync(directory.processing);
  const present = new Set(names);
  const claims: ClaimInProcessing[] = [];
  for (const name of names.sort()) {
    if (name.endsWith(CLAIM_RECORD)) {
      if (!present.has(name.slice(0, -CLAIM_RECORD.length))) rmSync(path.join(directory.processing, name), { force: true });
      continue;
    }
    // Members inflated from an archive that is no longer claimed (a run ended without releasing it): nothing will read them.
    if (name.endsWith(MEMBERS_FOLDER_SUFFIX) && isFolder(path.join(directory.processing, name))) {
      if (!present.has(name.slice(0, -MEMBERS_FOLDER_SUFFIX.length))) rmSync(path.join(directory.processing, name), { recursive: true, force: true });
      continue;
    }
    if (!name.includes(CLAIM_SEPARATOR) || name.endsWith('.copying') || name.endsWith('.tmp')) continue;
    const file = path.join(directory.processing, name);
    let record = readClaimRecord(file);
    if (!record) {
      // Claimed by an istv that wrote no records, or the record was lost: owner unknown, so gone.
      let stat;
      try {
        stat = statSync(file);
      } catch {
        continue;
      }
      record = {
        originalName: originalNameOf(file), receivedAt: stat.mtime.toISOString(), sizeBytes: stat.size, mtimeMs: stat.mtimeMs, attempts: 0, failures: 0,
        owner: { pid: 0, host: '', bootId: null, token: '', command: 'unknown', startedAt: now.toISOString() },
      };
      claims.push({ ...describeClaim(file, record), ownerGone: 'no claim record' });
      continue;
    }
    claims.push({ ...describeClaim(file, record), ownerGone: goneReason(record.owner, liveOwnerTokens) });
  }
  return claims;
}

/** Files a crashed (or killed) run left in processing/, in claim order; claims of live runs are left alone. */
export function listAbandonedClaims(directory: DataDirectory): ClaimedFile[] {
  return listClaims(directory).filter((claim) => claim.ownerGone !== null);
}
