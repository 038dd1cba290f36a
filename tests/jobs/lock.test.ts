import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireSchedulerLock, inspectSchedulerLock, SchedulerLockedError, type LockHolder } from '../../src/schedule/lock.ts';

let folder: string;
let lockFile: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'istv-lock-'));
  lockFile = path.join(folder, 'scheduler.lock');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

function writeHolder(holder: Partial<LockHolder>): LockHolder {
  const complete: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    bootId: null,
    startedAt: '2026-11-01T02:00:00.000Z',
    command: 'istv jobs',
    token: 'an-earlier-scheduler',
    ...holder,
  };
  writeFileSync(lockFile, JSON.stringify(complete));
  return complete;
}

function lockedError(run: () => unknown): SchedulerLockedError {
  try {
    run();
  } catch (error) {
    if (error instanceof SchedulerLockedError) return error;
    throw error;
  }
  throw new Error('expected the lock to be refused');
}

describe('the scheduler lock', () => {
  it('is refused to a second scheduler while held, naming the holder', () => {
    const first = acquireSchedulerLock(lockFile, { command: 'istv jobs', now: () => new Date('2026-11-23T09:00:00Z') });
    const error = lockedError(() => acquireSchedulerLock(lockFile, { command: 'istv run --once' }));
    expect(error.holder).toMatchObject({ pid: process.pid, host: os.hostname(), command: 'istv jobs', startedAt: '2026-11-23T09:00:00.000Z' });
    expect(error.message).toContain(`pid ${process.pid} on ${os.hostname()}, started 2026-11-23T09:00:00.000Z (istv jobs)`);
    first.release();
    expect(existsSync(lockFile)).toBe(false);
    const second = acquireSchedulerLock(lockFile, { command: 'istv run --once' });
    expect(second.tookOverFrom).toBeNull();
    second.release();
  });

  it('is held against a live process of another program on this host', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeHolder({ pid: sleeper.pid! });
      expect(lockedError(() => acquireSchedulerLock(lockFile, { command: 'istv jobs' })).holder?.pid).toBe(sleeper.pid);
      expect(inspectSchedulerLock(lockFile)).toMatchObject({ staleBecause: null });
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it.each([
    ['its pid is no longer running', () => ({ pid: deadPid() }), /^pid \d+ is not running$/],
    ['the machine has rebooted since it was taken', () => ({ pid: 1, bootId: 'an-earlier-boot' }), /^the machine has rebooted since$/],
    ['a restarted container gave this process the holder’s pid', () => ({ pid: process.pid }), /^its pid is now this process$/],
  ])('is taken over when stale because %s', (_behaviour, holderOf, reason) => {
    const stale = writeHolder(holderOf());
    expect(inspectSchedulerLock(lockFile)?.staleBecause).toMatch(reason);
    const lock = acquireSchedulerLock(lockFile, { command: 'istv jobs' });
    expect(lock.tookOverFrom).toEqual(stale);
    expect(lock.tookOverBecause).toMatch(reason);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, token: lock.holder.token });
    // Nothing of the stale lock is left beside it.
    expect(readdirSync(folder)).toEqual(['scheduler.lock']);
    lock.release();
  });

  it('is respected when held from another host, whose processes cannot be checked', () => {
    writeHolder({ pid: deadPid(), host: 'another-host.example' });
    const error = lockedError(() => acquireSchedulerLock(lockFile, { command: 'istv jobs' }));
    expect(error.message).toContain('on another-host.example');
    expect(inspectSchedulerLock(lockFile)?.staleBecause).toBeNull();
  });

  it('is refused, not overwritten, when the lock file cannot be read', () => {
    writeFileSync(lockFile, 'not json');
    const error = lockedError(() => acquireSchedulerLock(lockFile, { command: 'istv jobs' }));
    expect(error.holder).toBeNull();
    expect(error.message).toContain('cannot be read');
    expect(readFileSync(lockFile, 'utf8')).toBe('not json');
  });

  it('release leaves alone a lock that someone else has taken since', () => {
    const lock = acquireSchedulerLock(lockFile, { command: 'istv jobs' });
    const other = writeHolder({ pid: process.pid, token: 'someone-else' });
    lock.release();
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual(other);
  });

  it.each([
    ['with no lock file', () => undefined],
    ['all finding the same stale lock', () => void writeHolder({ pid: deadPid() })],
  ])('lets exactly one of many schedulers starting at once win, %s', async (_case, before) => {
    before();
    // The winner holds the lock until every racer has answered (its stdin is closed
    // then), however slowly a loaded machine starts them.
    const script = `
      const { acquireSchedulerLock } = await import(${JSON.stringify(path.resolve('src/schedule/lock.ts'))});
      try { acquireSchedulerLock(process.argv[1], { command: 'racer' }); console.log('won'); process.stdin.resume(); process.stdin.on('end', () => process.exit(0)); }
      catch (error) { console.log(error.name); }`;
    const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, lockFile], { cwd: path.resolve('.') }));
    const closed = children.map((child) => new Promise((resolve) => child.on('close', resolve)));
    const answers = children.map(
      (child) =>
        new Promise<string>((resolve) => {
          let output = '';
          child.stdout.on('data', (chunk) => {
            output += chunk;
            if (output.includes('\n')) resolve(output.trim());
          });
          child.on('close', () => resolve(output.trim()));
        }),
    );
    const results = await Promise.all(answers);
    for (const child of children) child.stdin.end();
    await Promise.all(closed);
    expect(results.filter((result) => result === 'won')).toHaveLength(1);
    expect(results.filter((result) => result === 'SchedulerLockedError')).toHaveLength(5);
  });
});
