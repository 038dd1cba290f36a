/**
 * One scheduler per data dir. The lock is a file beside the store holding who took
 * it (pid, host, boot, start time, command). It is created with O_EXCL, so of two
 * schedulers starting together exactly one wins. A lock whose holder is provably
 * gone (same host and boot, pid not running; or a boot that has since ended) is
 * stale and taken over; a lock held from another host cannot be checked and is
 * always respected.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { currentIdentity, goneReason, type ProcessIdentity } from '../lib/process-identity.ts';

export interface LockHolder {
  pid: number;
  host: string;
  /** Linux boot id; a lock from an earlier boot is stale whatever its pid. */
  bootId: string | null;
  startedAt: string;
  command: string;
  /** Distinguishes two holders that happen to get the same pid (a container restart). */
  token: string;
}

export class SchedulerLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `Another istv scheduler holds the lock ${lockFile}: pid ${holder.pid} on ${holder.host}, started ${holder.startedAt} (${holder.command}). ` +
            `If that process is gone and the host is another machine, delete the lock file by hand.`
        : `The scheduler lock ${lockFile} exists but cannot be read; delete it by hand if no scheduler is running.`,
    );
    this.name = 'SchedulerLockedError';
  }
}

export interface SchedulerLock {
  file: string;
  holder: LockHolder;
  /** The stale holder this lock was taken over from, if any. */
  tookOverFrom: LockHolder | null;
  /** Why that holder was judged gone, e.g. "pid 4242 is not running". */
  tookOverBecause: string | null;
  release(): void;
}

export interface AcquireLockOptions {
  command: string;
  now?: () => Date;
  /** For tests: the host, pid and boot this process claims to be. */
  identity?: { pid: number; host: string; bootId: string | null };
}

/** The scheduler lock of a data dir: beside the store, so that it covers exactly one data dir. */
export function schedulerLockPath(dataDirRoot: string): string {
  return path.join(dataDirRoot, 'scheduler.lock');
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.token !== 'string') return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      bootId: parsed.bootId ?? null,
      startedAt: String(parsed.startedAt),
      command: String(parsed.command),
      token: parsed.token,
    };
  } catch {
    return null;
  }
}

/** Tokens of the locks this process holds: a lock with our pid but another token is a dead incarnation's. */
const heldByThisProcess = new Set<string>();

/** Why a holder is known to be gone, or null while it may still be running. */
export function staleReason(holder: LockHolder, self: ProcessIdentity): string | null {
  return goneReason(holder, heldByThisProcess, self);
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, JSON.stringify(holder));
  } finally {
    closeSync(descriptor);
  }
  return true;
}

/** Takes the lock or throws SchedulerLockedError naming who holds it. */
export function acquireSchedulerLock(file: string, options: AcquireLockOptions): SchedulerLock {
  const identity = options.identity ?? currentIdentity();
  const holder: LockHolder = {
    ...identity,
    startedAt: (options.now?.() ?? new Date()).toISOString(),
    command: options.command,
    token: randomUUID(),
  };
  let tookOverFrom: LockHolder | null = null;
  let tookOverBecause: string | null = null;
  // Two rounds: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(file, holder)) {
      // A holder removed as stale by a racing process could have been ours; check it is still us.
      if (readHolder(file)?.token !== holder.token) break;
      heldByThisProcess.add(holder.token);
      return { file, holder, tookOverFrom, tookOverBecause, release: () => releaseIfOurs(file, holder.token) };
    }
    const existing = readHolder(file);
    const reason = existing ? staleReason(existing, holder) : null;
    if (!existing || !reason) throw new SchedulerLockedError(file, existing);
    // Move the stale lock aside rather than deleting it: a rename is atomic, and the
    // moved file can be checked to be the one judged stale (not a newer holder's).
    const aside = `${file}.stale-${holder.token}`;
    try {
      renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = readHolder(aside);
    if (moved?.token !== existing.token) {
      // Someone else took over in between; put their lock back and give way.
      try {
        renameSync(aside, file);
      } catch {
        /* the lock file was re-created meanwhile: theirs stands */
      }
      throw new SchedulerLockedError(file, moved);
    }
    rmSync(aside, { force: true });
    tookOverFrom = existing;
    tookOverBecause = reason;
  }
  throw new SchedulerLockedError(file, readHolder(file));
}

export interface LockInspection {
  holder: LockHolder | null;
  /** Why the holder is known to be gone, or null if it may be running. */
  staleBecause: string | null;
}

/** Who holds the lock, seen from this process; null when there is no lock file. */
export function inspectSchedulerLock(file: string): LockInspection | null {
  if (!existsSync(file)) return null;
  const holder = readHolder(file);
  return { holder, staleBecause: holder ? staleReason(holder, currentIdentity()) : null };
}

function releaseIfOurs(file: string, token: string): void {
  heldByThisProcess.delete(token);
  if (readHolder(file)?.token === token) rmSync(file, { force: true });
}
