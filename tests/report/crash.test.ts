/**
 * A publish killed part-way (a real child process, SIGKILL) leaves readers the
 * previous packs, whole; the next run publishes and clears what the killed run
 * left behind.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { CHROMIUM_PATH } from '../../src/report/render/pdf.ts';
import { createFixtureStore, type FixtureStore } from './fixtures.ts';
import { buildScenario, haringeyDirectory, haveSharedData, loadScenario, REPORT_MONTH, SITES } from './scenario.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(repoRoot, 'bin', 'istv.js');
// Printing PDFs keeps the child busy long enough to be killed in the middle of writing.
const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) console.warn(`Skipping the killed-publish test: no Chromium at ${CHROMIUM_PATH}`);

interface Manifest {
  generatedAt: string;
  files: Array<{ path: string; sha256: string }>;
}

describe.skipIf(!haveSharedData || !haveChromium)('a publish killed with SIGKILL', () => {
  let fixture: FixtureStore;
  let context: PipelineContext;
  let configFile: string;
  const reports = () => path.join(fixture.directory, 'reports');
  const monthLink = () => path.join(reports(), REPORT_MONTH);
  const manifest = () => JSON.parse(readFileSync(path.join(monthLink(), 'manifest.json'), 'utf8')) as Manifest;

  function runReport(killWhenWriting: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    return new Promise((resolve) => {
      const current = readlinkSync(monthLink());
      const child = spawn(process.execPath, [cli, 'report', '--month', REPORT_MONTH, '--config', configFile, '--boundaries', path.join(haringeyDirectory, 'lsoa_2011.geojson')], {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      let poll: NodeJS.Timeout | undefined;
      if (killWhenWriting) {
        poll = setInterval(() => {
          const staging = readdirSync(path.join(reports(), '.packs')).filter((name) => name.startsWith(REPORT_MONTH) && path.join('.packs', name) !== current);
          // Killed once the new version's folder holds files: some written, the PDFs still printing.
          if (staging.some((name) => existsSync(path.join(reports(), '.packs', name, 'police', 'index.html')))) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 10);
      }
      child.on('exit', (code, signal) => {
        if (poll) clearInterval(poll);
        resolve({ code, signal, stderr });
      });
    });
  }

  beforeAll(async () => {
    fixture = createFixtureStore('istv-crash-');
    loadScenario(fixture, buildScenario());
    const raw = { dataDir: '.', areaName: 'Haringey', sites: SITES.map((site) => ({ ...site, longitude: -0.07, latitude: 51.6 })) };
    configFile = path.join(fixture.directory, 'istv.config.json');
    writeFileSync(configFile, JSON.stringify(raw));
    context = openPipelineContext(parseConfig(raw, fixture.directory, configFile), { quiet: true, now: () => new Date('2026-11-12T08:00:00Z') });
    await publishMonth(context, REPORT_MONTH, { pdf: 'skip' });
  }, 120_000);

  afterAll(() => {
    if (context) closePipelineContext(context);
    fixture?.close();
  });

  it('leaves the previous packs whole, then a rerun publishes and tidies up', async () => {
    const before = manifest();
    const target = readlinkSync(monthLink());
    const killed = await runReport(true);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    // The killed run's half-written folder is there, but nobody reading reports/ sees it.
    expect(readdirSync(path.join(reports(), '.packs')).filter((name) => name.startsWith(REPORT_MONTH)).length).toBe(2);
    expect(readlinkSync(monthLink())).toBe(target);
    expect(manifest()).toEqual(before);
    for (const file of before.files) {
      const content = readFileSync(path.join(monthLink(), ...file.path.split('/')));
      expect(createHash('sha256').update(content).digest('hex'), file.path).toBe(file.sha256);
    }

    const rerun = await runReport(false);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(readlinkSync(monthLink())).not.toBe(target);
    expect(manifest().files.some((file) => file.path === 'police/index.pdf')).toBe(true);
    expect(readdirSync(path.join(reports(), '.packs')).filter((name) => name.startsWith(REPORT_MONTH))).toHaveLength(1);
  }, 300_000);
});
