/**
 * The compiled istv (dist/, built by `npm run build`, by `npm install` through the
 * prepare script, and by `npm test` before the tests): every command runs from
 * JavaScript under plain `node`, with no TypeScript loader, and the ingest
 * worker thread starts from compiled code too. The other tests run the sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';
import { dropSampleFiles, repoRoot, sampleSetup, type SampleSetup } from '../pipeline/sample-area.ts';

const dist = path.join(repoRoot, 'dist');
const bin = path.join(repoRoot, 'bin', 'istv.js');
const built = existsSync(path.join(dist, 'src', 'cli', 'main.js'));
if (!built) console.warn('tests/cli/compiled.test.ts skipped: no dist/ (run `npm run build`; `npm test` builds it first)');

/** Runs the compiled CLI the way a user does, as a child process under plain node. */
function istv(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.skipIf(!built)('the compiled istv', () => {
  it('lists every command in --help', () => {
    const { status, stdout } = istv('--help');
    expect(status).toBe(0);
    for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command.name}\\b`, 'm'));
  });

  it.each(COMMANDS.map((command) => command.name))('loads `istv %s` and prints its help', (name) => {
    const { status, stdout } = istv(name, '--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: istv ${name}\\b`));
  });

  it('refuses an unknown command with exit code 2', () => {
    const { status, stderr } = istv('no-such-command');
    expect(status).toBe(2);
    expect(stderr).toContain("unknown command 'no-such-command'");
  });

  it('holds no TypeScript and loads no TypeScript loader', () => {
    const files = filesUnder(dist);
    expect(files.filter((file) => /\.(ts|mts)$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.js') && /['"]tsx(\/|['"])/.test(readFileSync(file, 'utf8')))).toEqual([]);
    expect(existsSync(path.join(dist, 'src', 'store', 'migrations', '001-initial.sql'))).toBe(true);
  });

  describe('on a data dir', () => {
    let setup: SampleSetup;
    const work = mkdtempSync(path.join(tmpdir(), 'istv-compiled-'));
    beforeAll(() => {
      setup = sampleSetup();
    });
    afterAll(() => {
      rmSync(work, { recursive: true, force: true });
      rmSync(setup.folder, { recursive: true, force: true });
    });

    it('keygen, ingest, status, report, regeocode and geocode run', () => {
      const keyFile = path.join(work, 'pseudonym.key');
      expect(istv('keygen', keyFile).status).toBe(0);
      expect(existsSync(keyFile)).toBe(true);

      dropSampleFiles(path.join(setup.config.dataDir, 'inbox'), ['RX1AA_2026-01.csv']);
      const ingest = istv('ingest', '--config', setup.configFile, '--json');
      expect(ingest.status, ingest.stderr).toBe(0);
      expect(JSON.parse(ingest.stdout).totals).toMatchObject({ files: 1, quarantined: 0 });

      const status = istv('status', '--config', setup.configFile, '--json');
      expect(status.status, status.stderr).toBe(0);

      // One site's extract of two: the month is partial, so it is published only when asked to be.
      expect(istv('report', '--config', setup.configFile, '--month', '2026-01', '--no-pdf', '--json').status).toBe(4);
      const report = istv('report', '--config', setup.configFile, '--month', '2026-01', '--no-pdf', '--json', '--allow-partial');
      expect(report.status, report.stderr).toBe(0);
      expect(existsSync(path.join(setup.config.dataDir, 'reports', '2026-01', 'police'))).toBe(true);

      expect(istv('regeocode', '--config', setup.configFile, '--json').status).toBe(0);

      const input = path.join(work, 'places.csv');
      const output = path.join(work, 'geocoded.csv');
      writeFileSync(input, 'location\nu/k\n');
      const geocode = istv('geocode', '--gazetteer', setup.config.gazetteer!, '--in', input, '--out', output);
      expect(geocode.status, geocode.stderr).toBe(0);
      expect(readFileSync(output, 'utf8')).toContain('unknown');
    });

    it('starts the row-preparation worker from compiled JavaScript', () => {
      // A file this small runs on the main thread unless asked otherwise, so ask.
      dropSampleFiles(path.join(setup.config.dataDir, 'inbox'), ['RX1AA_2026-02.csv']);
      // A script file, not --eval: the worker inherits node's flags, and --input-type would stop it.
      const script = path.join(work, 'ingest-on-worker.mjs');
      writeFileSync(script, `
        const { loadConfig } = await import(${JSON.stringify(path.join(dist, 'src', 'config', 'load.js'))});
        const { openPipelineContext, closePipelineContext } = await import(${JSON.stringify(path.join(dist, 'src', 'pipeline', 'context.js'))});
        const { ingestInbox } = await import(${JSON.stringify(path.join(dist, 'src', 'pipeline', 'ingest.js'))});
        const context = openPipelineContext(loadConfig(process.argv[2]), { quiet: true });
        const summary = await ingestInbox(context, { validateOnWorker: 'always' });
        closePipelineContext(context);
        process.stdout.write(JSON.stringify(summary));`);
      const out = execFileSync(process.execPath, [script, setup.configFile], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      const { failed, totals } = JSON.parse(out);
      expect(failed).toEqual([]);
      expect(totals).toMatchObject({ files: 1, quarantined: 0 });
      expect(totals.rowsAccepted).toBeGreaterThan(0);
    });
  });
});
