/**
 * Quarantined files hold raw identifiers as archived extracts do, so they are
 * purged after the same retention period; so is what an interrupted run leaves
 * in processing/ besides its claims.
 */
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirectory } from '../../src/config/data-dir.ts';
import { purgeProcessingDebris, purgeQuarantineFolder } from '../../src/intake/archive.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

function setUp() {
  const directory = dataDirectory(mkdtempSync(path.join(os.tmpdir(), 'istv-retention-')));
  mkdirSync(directory.quarantine, { recursive: true });
  mkdirSync(directory.processing, { recursive: true });
  return directory;
}

function quarantined(directory: ReturnType<typeof setUp>, name: string, daysAgo: number): string {
  const file = path.join(directory.quarantine, name);
  writeFileSync(file, 'raw');
  writeFileSync(`${file}.reason.json`, JSON.stringify({ file: name, reason: 'x', line: null, quarantinedAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString() }));
  return file;
}

describe('retention beyond archive/', () => {
  it('purges files quarantined longer ago than the retention period, with their reason files, and keeps the rest', () => {
    const directory = setUp();
    const old = quarantined(directory, 'RX1AA_2026-01.csv', 31);
    const recent = quarantined(directory, 'RX1AA_2026-10.csv', 29);
    const summary = purgeQuarantineFolder(directory, 30, NOW);
    expect(summary.purgedFiles).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(`${old}.reason.json`)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(`${recent}.reason.json`)).toBe(true);
  });

  it('purges old half-made copies in processing/, never a claim', () => {
    const directory = setUp();
    const copy = path.join(directory.processing, '0abc-123456__RX1AA_2026-01.csv.copying');
    const claim = path.join(directory.processing, '0abc-123457__RX1AA_2026-02.csv');
    for (const file of [copy, claim]) {
      writeFileSync(file, 'raw');
      const when = (NOW.getTime() - 40 * DAY) / 1000;
      utimesSync(file, when, when);
    }
    expect(purgeProcessingDebris(directory, 30, NOW).purgedFiles).toBe(1);
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(claim)).toBe(true);
  });
});
