/**
 * A month published by hand with `istv report` goes into the publication history
 * beside the scheduler's publications, so the record of what was issued is whole,
 * and the scheduler does not publish that month again until its extracts change.
 */
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { closePipelineContext, openPipelineContext } from '../../src/pipeline/context.ts';
import { listMonthPublications, listPublicationHistory } from '../../src/store/publications.ts';
import { sampleData, sampleSetup } from '../pipeline/sample-area.ts';
import { realPipelineScheduler } from './helpers.ts';

async function istv(...args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(['node', 'istv', ...args]), stdout };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('a month published by hand', () => {
  const setup = sampleSetup();
  afterAll(() => rmSync(setup.folder, { recursive: true, force: true }));
  const history = () => {
    const context = openPipelineContext(setup.config, { quiet: true });
    try {
      return listPublicationHistory(context.store, '2026-07').map((entry) => [entry.revision, entry.revised, entry.reason]);
    } finally {
      closePipelineContext(context);
    }
  };

  // Only RX1AA's extract is ingested here, so the month is partial: `istv report` publishes it only with --allow-partial.
  it('is recorded as the next edition, revised only when the packs say so', { timeout: 120_000 }, async () => {
    const file = path.join(setup.folder, 'RX1AA_2026-07.csv');
    copyFileSync(path.join(sampleData, 'inbox', 'RX1AA_2026-07.csv'), file);
    expect((await istv('ingest', file, '--config', setup.configFile, '--json')).code).toBe(0);

    const first = await istv('report', '--month', '2026-07', '--no-pdf', '--allow-partial', '--config', setup.configFile, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ month: '2026-07', revision: 1, revised: false });
    expect(history()).toEqual([[1, false, 'manual']]);

    expect((await istv('report', '--month', '2026-07', '--no-pdf', '--allow-partial', '--revised', '--config', setup.configFile, '--json')).code).toBe(0);
    expect(history()).toEqual([[1, false, 'manual'], [2, true, 'manual']]);
  });

  it('is not published again by the scheduler while its extracts are unchanged', { timeout: 120_000 }, async () => {
    let now = new Date('2026-08-01T09:00:00Z');
    const context = openPipelineContext(setup.config, { quiet: true, now: () => now });
    const scheduler = realPipelineScheduler(context);
    try {
      // The scheduler's first cycle; July falls due for publication on the 10th.
      await scheduler.tick('test');
      now = new Date('2026-08-10T05:00:00Z');
      const cycle = await scheduler.tick('test');
      expect(cycle?.outcomes.find((outcome) => outcome.job === 'publish-packs')).toMatchObject({ status: 'succeeded', summary: { published: 0, revised: 0 } });
      expect(listMonthPublications(context.store).find((entry) => entry.month === '2026-07')).toMatchObject({ state: 'published', revision: 2 });
    } finally {
      scheduler.dispose();
      closePipelineContext(context);
    }
    expect(history()).toEqual([[1, false, 'manual'], [2, true, 'manual']]);
  });
});
