/**
 * The red-team run (issue 13): extracts planting thousands of identifiers (in
 * identifier columns under unfamiliar headers and inside every free-text field),
 * with wording written for this test alone, go through the whole pipeline: ingest
 * (worker thread and main thread), data-quality reports, every month's packs and
 * the last month's PDFs, logs at trace level. Afterwards not one planted form may
 * appear anywhere under the data dir but archive/ (the raw files, owner-only,
 * purged after retention): the store value by value, PDFs as pdftotext reads them,
 * every other file byte by byte.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canReadPdfs, runRedTeam, type RedTeamRun } from './red-team-run.ts';
import { closeUpDigits, createNeedleFinder, filesUnder, findLeaks } from './leak-search.ts';
import { plantedForms, type PlantedKind } from './red-team/generate.ts';

if (!canReadPdfs) console.warn('red-team: PDFs not checked (needs Chromium and pdftotext: Debian packages chromium and poppler-utils)');

const KINDS: PlantedKind[] = ['nhs_number', 'phone', 'email', 'date_of_birth', 'person_name', 'house_address', 'house_name', 'flat', 'hospital_number', 'home_postcode'];

for (const wording of ['development', 'held-out'] as const) {
  describe(`a full run over the red-team extracts (${wording} wording)`, () => {
    let run: RedTeamRun;
    beforeAll(async () => {
      run = await runRedTeam({ wording });
    }, 900_000);

    it('plants identifiers of every kind, and every street of the gazetteer gets a house number', () => {
      for (const kind of KINDS) expect(run.set.planted.filter((p) => p.kind === kind).length, kind).toBeGreaterThanOrEqual(20);
      expect(run.set.planted.length).toBeGreaterThan(10_000);
      expect(run.rowsAccepted).toBeGreaterThan(run.rowsRead * 0.9);
    });

    it('no planted identifier appears in the store, a log, a report or a PDF', () => {
      const skip = new Set([path.join(run.dataDir, 'archive')]);
      const { leaks, files } = findLeaks(run.dataDir, plantedForms(run.set), skip);
      expect(files.some((f) => f.endsWith('istv.sqlite'))).toBe(true);
      expect(files.some((f) => f.endsWith('istv.log'))).toBe(true);
      expect(files.some((f) => f.endsWith('.html'))).toBe(true);
      if (canReadPdfs) expect(files.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(2);
      expect(leaks.slice(0, 30), `${leaks.length} leaks`).toEqual([]);
    });

    it('the raw files are kept owner-only in archive/', () => {
      const archived = filesUnder(path.join(run.dataDir, 'archive'));
      expect(archived.length).toBe(run.set.extracts.length);
      for (const file of archived) expect(statSync(file).mode & 0o077).toBe(0);
    });
  });
}

describe('the leak finder itself', () => {
  it('finds a planted value whatever its case, and a number however it was spaced', () => {
    const find = createNeedleFinder(['Ysolde Vantreskow', '4857773456']);
    expect(find('…o/s the shop, ysolde VANTRESKOW said…')).toEqual(['ysolde vantreskow']);
    expect(find(closeUpDigits('ref 485 777\u200b3456.'))).toEqual(['4857773456']);
    expect(find(closeUpDigits('ref ４８５７７７３４５６'))).toEqual(['4857773456']);
    expect(find('nothing here')).toEqual([]);
  });
});
