import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.ts';

const site = { code: 'RX1AA', name: 'Test ED', longitude: -0.07, latitude: 51.6 };

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw, '/base', 'istv.config.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the config is validated at start-up, naming the key and what was expected', () => {
  it('accepts a minimal config and fills the defaults', () => {
    const config = parseConfig({ sites: [site] }, '/base', null);
    expect(config.dataDir).toBe(path.resolve('/base', 'istv-data'));
    expect(config.deidentify.archiveRetentionDays).toBe(30);
  });

  it.each([
    ['no sites', {}, 'sites'],
    ['a lower-case site code', { sites: [{ ...site, code: 'rx1' }] }, 'sites[0].code'],
    ['a latitude out of range', { sites: [{ ...site, latitude: 151 }] }, 'sites[0].latitude'],
    ['an unknown key', { sites: [site], dataDirectory: 'x' }, '(top level)'],
    ['a duplicate site', { sites: [site, site] }, 'sites[1].code'],
    ['a mapping to an unknown column', { sites: [{ ...site, columnMapping: { Where: 'place' } }] }, 'sites[0].columnMapping.Where'],
    ['a negative retention', { sites: [site], deidentify: { archiveRetentionDays: -1 } }, 'deidentify.archiveRetentionDays'],
  ])('%s', (_name, raw, key) => {
    const problems = problemsOf(raw);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.startsWith(`${key}:`))).toBe(true);
  });

  it('resolves paths against the config file folder', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'istv-config-'));
    const file = path.join(folder, 'istv.config.json');
    writeFileSync(file, JSON.stringify({ sites: [site], dataDir: 'data', gazetteer: 'g.json' }));
    const config = loadConfig(file);
    expect(config.dataDir).toBe(path.join(folder, 'data'));
    expect(config.gazetteer).toBe(path.join(folder, 'g.json'));
  });

  it('says when the file is not JSON', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'istv-config-'));
    const file = path.join(folder, 'bad.json');
    writeFileSync(file, '{ "sites": [ }');
    expect(() => loadConfig(file)).toThrow(/not valid JSON/);
  });
});
