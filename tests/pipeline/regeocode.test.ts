import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { buildGazetteer, writeGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { loadGazetteer } from '../../src/geocode/gazetteer/load.ts';
import { closePipelineContext, openPipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { regeocodeStore } from '../../src/store/regeocode.ts';
import { sampleAreaGazetteerInputs } from '../../src/pipeline/demo.ts';
import { dropSampleFiles, sampleSetup } from './sample-area.ts';

function gazetteerWithoutPremises(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'istv-gaz-')), 'gazetteer.json');
  writeGazetteer(file, buildGazetteer({ ...sampleAreaGazetteerInputs(), premises: [] }));
  return file;
}

describe('re-geocoding the store after the gazetteer changes', () => {
  it('answers every stored location again, and a second run changes nothing', async () => {
    const context = openPipelineContext(sampleSetup().config, { quiet: true });
    try {
      dropSampleFiles(context.dataDir.inbox, ['RX1AA_2026-02.csv']);
      await ingestInbox(context);
      const premisesBefore = (context.store.prepare("SELECT COUNT(*) AS n FROM records WHERE geocode_outcome = 'premises'").get() as { n: number }).n;
      const homesBefore = (context.store.prepare("SELECT COUNT(*) AS n FROM records WHERE geocode_outcome = 'home'").get() as { n: number }).n;
      expect(premisesBefore).toBeGreaterThan(0);

      const gazetteer = loadGazetteer(gazetteerWithoutPremises());
      const geocoder = createGeocoder(gazetteer, { sites: context.config.sites });
      const locate = (longitude: number, latitude: number) => {
        const lsoa = gazetteer.lsoaAt(longitude, latitude);
        return lsoa ? { lsoaCode: lsoa.code, wardCode: lsoa.wardCode } : null;
      };
      const first = regeocodeStore(context.store, geocoder, locate);
      expect(first.recordsChanged).toBeGreaterThan(0);
      expect(first.monthsChanged).toContain('2026-02');
      const premisesAfter = (context.store.prepare("SELECT COUNT(*) AS n FROM records WHERE geocode_outcome = 'premises'").get() as { n: number }).n;
      expect(premisesAfter).toBe(0);
      // Homes stay homes, without a point.
      const homes = context.store.prepare("SELECT COUNT(*) AS n, COUNT(longitude) AS placed FROM records WHERE geocode_outcome = 'home'").get() as { n: number; placed: number };
      expect(homes).toEqual({ n: homesBefore, placed: 0 });
      const versions = context.store.prepare('SELECT DISTINCT gazetteer_version AS v FROM records').all();
      expect(versions).toEqual([{ v: geocoder.gazetteerVersion }]);

      const second = regeocodeStore(context.store, geocoder, locate);
      expect(second.recordsChanged).toBe(0);
      expect(second.monthsChanged).toEqual([]);
    } finally {
      closePipelineContext(context);
    }
  });
});
