/**
 * Locks held in the store: `data-dir` (one run at a time writes the data dir:
 * ingest, report, the scheduler's steps) and `scheduler` (one scheduler per
 * data dir). A row names its owner (pid, host, boot id, token); an owner known
 * to be gone (same host and boot, pid not running; or an earlier boot) is taken
 * over, one on another host is always respected. The check and the take happen
 * in one write transaction, so of two processes exactly one wins. Within one
 * process a lock is re-entrant: the scheduler's ingest step takes the lock the
 * scheduler already holds.
 */
import { z } from 'zod';
import { goneReason, liveOwnerTokens, newOwner, type Owner } from '../lib/process-identity.ts';
import type { StoreDatabase } from './open.ts';

export type LockName = 'data-dir' | 'scheduler';

const ownerRow = z.object({ pid: z.number(), host: z.string(), bootId: z.string().nullable(), token: z.string(), command: z.string(), startedAt: z.string() });

export interface HeldLock {
  name: LockName;
  owner: Owner;
  /** The gone owner this lock was taken over from, and why it was judged gone. */
  tookOver: { from: Owner; because: string } | null;
  /** True while the row still names this owner (checked every scheduler cycle). */
  stillHeld(): boolean;
  release(): void;
}

export type LockAttempt = { acquired: true; lock: HeldLock } | { acquired: false; holder: Owner };

/** Locks this process holds, by name, with how many times each was taken. */
const held = new Map<LockName, { owner: Owner; depth: number }>();

export function lockHolder(store: StoreDatabase, name: LockName): Owner | null {
  const row = store.prepare('SELECT pid, host, boot_id AS bootId, token, command, started_at AS startedAt FROM locks WHERE name = ?').get(name);
  return row === undefined ? null : ownerRow.parse(row);
}

function heldLock(store: StoreDatabase, name: LockName, owner: Owner, tookOver: HeldLock['tookOver']): HeldLock {
  let released = false;
  return {
    name,
    owner,
    tookOver,
    stillHeld: () => lockHolder(store, name)?.token === owner.token,
    release() {
      if (released) return;
      released = true;
      const entry = held.get(name);
      if (entry && entry.owner.token === owner.token && --entry.depth > 0) return;
      held.delete(name);
      liveOwnerTokens.delete(owner.token);
      if (store.open) store.prepare('DELETE FROM locks WHERE name = ? AND token = ?').run(name, owner.token);
    },
  };
}

/** Takes the lock now, or says who holds it. */
export function tryAcquireLock(store: StoreDatabase, name: LockName, command: string, now: Date = new Date()): LockAttempt {
  const mine = held.get(name);
  if (mine && lockHolder(store, name)?.token === mine.owner.token) {
    mine.depth += 1;
    return { acquired: true, lock: heldLock(store, name, mine.owner, null) };
  }
  const owner = newOwner(command, now);
  const take = store.transaction((): LockAttempt | { acquired: true; tookOver: HeldLock['tookOver'] } => {
    const current = lockHolder(store, name);
    let tookOver: HeldLock['tookOver'] = null;
    if (current) {
      const because = goneReason(current, liveOwnerTokens);
      if (because === null) return { acquired: false, holder: current };
      tookOver = { from: current, because };
    }
    store
      .prepare('INSERT OR REPLACE INTO locks (name, pid, host, boot_id, token, command, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(name, owner.pid, owner.host, owner.bootId, owner.token, owner.command, owner.startedAt);
    return { acquired: true, tookOver };
  });
  const result = take.immediate();
  if (!result.acquired) return result;
  held.set(name, { owner, depth: 1 });
  liveOwnerTokens.add(owner.token);
  return { acquired: true, lock: heldLock(store, name, owner, 'tookOver' in result ? result.tookOver : null) };
}

export function describeOwner(owner: Owner): string {
  return `pid ${owner.pid} on ${owner.host} (${owner.command}, since ${owner.startedAt})`;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly lockName: LockName,
    readonly holder: Owner,
    waitedSeconds: number,
  ) {
    super(`The data dir is busy: ${describeOwner(holder)} holds it, and it was not released within ${waitedSeconds} s. Try again when that run has finished.`);
  }
}

/**
 * Takes the lock, waiting (polling) while a live owner holds it, up to
 * `waitSeconds`; `onWait` is told once who is being waited for.
 */
export interface AcquireLockOptions {
  /** What the owner is doing, shown to whoever waits for the lock. */
  command: string;
  waitSeconds: number;
  now?: () => Date;
  onWait?: (holder: Owner) => void;
}

export async function acquireLock(store: StoreDatabase, name: LockName, options: AcquireLockOptions): Promise<HeldLock> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  let told = false;
  for (;;) {
    const attempt = tryAcquireLock(store, name, options.command, options.now?.() ?? new Date());
    if (attempt.acquired) return attempt.lock;
    if (Date.now() >= deadline) throw new LockTimeoutError(name, attempt.holder, options.waitSeconds);
    if (!told) options.onWait?.(attempt.holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
