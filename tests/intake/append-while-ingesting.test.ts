/**
 * A hospital transfer writes an extract slowly into the inbox while the
 * scheduler (a real `istv jobs` process, polling every second) watches it. The
 * file must not be claimed half-written: in the end every row is ingested, and
 * exactly once.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDataDir, SAMPLE_HEADER, syntheticRow } from './cli.ts';

const ROWS = 300;

describe('a file appended to while istv runs over the inbox', () => {
  it('is ingested once it is complete, every row exactly once', async () => {
    const dir = cliDataDir({
      intake: { settleSeconds: 3 },
      schedule: { pollInbox: { cron: '* * * * * *' }, publish: { enabled: false } },
    });
    const target = path.join(dir.inbox, 'RX1AA_2026-05.csv');
    const rows = Array.from({ length: ROWS }, (_, index) => syntheticRow(`APP${String(index).padStart(7, '0')}`, `2026-05-${String((index % 28) + 1).padStart(2, '0')}`));

    mkdirSync(dir.inbox, { recursive: true });
    const scheduler = dir.start(['jobs']);
    let schedulerLog = '';
    scheduler.stderr!.on('data', (chunk: Buffer) => (schedulerLog += chunk.toString()));
    // The writer keeps the file open and writes a few rows at a time, pausing less than the settle interval.
    const writerScript = `
      const fs = require('node:fs');
      const [file, header, ...rows] = JSON.parse(process.argv[1]);
      const fd = fs.openSync(file, 'a');
      fs.writeSync(fd, header + '\\n');
      let at = 0;
      const step = () => {
        if (at >= rows.length) { fs.closeSync(fd); return; }
        fs.writeSync(fd, rows.slice(at, at + 7).join('\\n') + '\\n');
        at += 7;
        setTimeout(step, 150 + Math.floor(Math.random() * 250));
      };
      step();`;
    const writer = spawn(process.execPath, ['-e', writerScript, JSON.stringify([target, SAMPLE_HEADER, ...rows])], { stdio: 'ignore' });
    const writerDone = new Promise((resolve) => writer.once('exit', resolve));
    try {
      expect(await writerDone).toBe(0);
      // The scheduler claims the file once it has stood still for the settle interval.
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && dir.list('archive').length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      scheduler.kill('SIGTERM');
      await new Promise((resolve) => scheduler.once('exit', resolve));
    }
    expect(dir.list('archive'), schedulerLog).toHaveLength(1);
    expect(dir.list('inbox')).toEqual([]);
    expect(dir.list('processing')).toEqual([]);
    expect(dir.list('quarantine')).toEqual([]);
    const extracts = dir.query<{ rows_read: number; rows_accepted: number; status: string }>('SELECT rows_read, rows_accepted, status FROM extracts');
    expect(extracts).toEqual([{ rows_read: ROWS, rows_accepted: ROWS, status: 'current' }]);
    const keys = dir.query<{ n: number; distinct: number }>('SELECT COUNT(*) AS n, COUNT(DISTINCT attendance_key) AS "distinct" FROM records');
    expect(keys).toEqual([{ n: ROWS, distinct: ROWS }]);
  }, 240_000);
});
