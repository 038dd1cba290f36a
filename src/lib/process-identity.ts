/**
 * Who a process is, well enough to tell later whether it is still running: pid,
 * host and Linux boot id, plus a random token that tells apart two processes
 * that happen to get the same pid (a container restart). Locks and claims
 * record an owner of this shape.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Linux boot id; an owner from an earlier boot is gone whatever its pid. */
  bootId: string | null;
}

export interface Owner extends ProcessIdentity {
  token: string;
  command: string;
  startedAt: string;
}

function readBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

let identity: ProcessIdentity | null = null;

export function currentIdentity(): ProcessIdentity {
  identity ??= { pid: process.pid, host: os.hostname(), bootId: readBootId() };
  // The pid changes in a forked child; the rest does not.
  return { ...identity, pid: process.pid };
}

/** A new owner for this process: one per lock or run. */
export function newOwner(command: string, now: Date = new Date()): Owner {
  return { ...currentIdentity(), token: randomUUID(), command, startedAt: now.toISOString() };
}

export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why an owner is known to be gone, or null while it may still be running. An
 * owner on another host cannot be checked and is always presumed alive.
 * `liveTokens` are the owners this process holds: an owner with our pid and
 * another token is an earlier incarnation's.
 */
export function goneReason(owner: ProcessIdentity & { token: string }, liveTokens: ReadonlySet<string>, self: ProcessIdentity = currentIdentity()): string | null {
  if (owner.host !== self.host) return null;
  if (owner.bootId && self.bootId && owner.bootId !== self.bootId) return 'the machine has rebooted since';
  if (owner.pid === self.pid) return liveTokens.has(owner.token) ? null : 'its pid is now this process';
  return isProcessRunning(owner.pid) ? null : `pid ${owner.pid} is not running`;
}

/** Tokens of the owners (locks, runs) this process holds now. */
export const liveOwnerTokens = new Set<string>();
