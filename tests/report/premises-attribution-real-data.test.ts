/**
 * The attribution rule on the real two-borough data (../shared/data): extracts
 * from a Haringey and a Barking and Dagenham ED whose location texts name
 * stations, junctions, streets, postcodes and landmarks lying beside real pubs
 * and cafés go through the real pipeline (ingest, geocode against the
 * gazetteer built from the open data, store) and the licensing pack is
 * published. No premises total may count one of them; texts that name a pub
 * must still count for that pub, the right one of two of the same name.
 * The texts were written from the domain notes and the data before the rule
 * was read (fixtures/premises-texts.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeToPremises, nearbyContext, type PremisesPoint } from '../../src/aggregate/premises.ts';
import { parseConfig } from '../../src/config/load.ts';
import { sharedDataInputs } from '../../src/geocode/evaluation/shared-data.ts';
import { buildGazetteer, writeGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { closePipelineContext, openPipelineContext, type PipelineContext } from '../../src/pipeline/context.ts';
import { ingestInbox } from '../../src/pipeline/ingest.ts';
import { reportInputsFromGazetteer } from '../../src/report/gazetteer-inputs.ts';
import { nameWords } from '../../src/report/licensing/candidates.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { reportSchema } from '../../src/config/report.ts';
import { OTHER_PLACE_TEXTS, PREMISES_TEXTS } from '../aggregate/fixtures/premises-texts.ts';
import { hasSharedData, sharedDataDir } from '../geocode/shared-data.ts';

const HEADER = 'site_code,attendance_id,arrival_datetime,assault_datetime,assault_method,assault_method_other,location_type,location_description,assailant_count,assailant_relationship,reported_to_police,wants_police_informed,age,sex,alcohol_involved';
const MONTH = '2026-10';
const SITES = [
  { code: 'RAPNM', name: 'North Middlesex University Hospital', longitude: -0.0714, latitude: 51.6133, borough: 'E09000014', site: 'haringey' as const },
  { code: 'RF4QH', name: "Queen's Hospital Romford", longitude: 0.1794, latitude: 51.5686, borough: 'E09000002', site: 'barking' as const },
];

interface Row {
  text: string;
  site: 'haringey' | 'barking';
  locationType: string;
  /** Day and hour: unique per site, so a stored record can be told apart without its (scrubbed) text. */
  day: number;
  hour: number;
  expected: { premises: string; district?: string } | null;
  kind: string;
}

function rows(): Row[] {
  const all: Row[] = [];
  const counters = { haringey: 0, barking: 0 };
  const add = (row: Omit<Row, 'day' | 'hour'>) => {
    const i = counters[row.site]++;
    all.push({ ...row, day: 1 + (i % 28), hour: Math.floor(i / 28) });
  };
  for (const entry of OTHER_PLACE_TEXTS) {
    // As reception records them, and as a receptionist who ticked "licensed premises" anyway.
    add({ text: entry.text, site: entry.site, locationType: entry.kind === 'station' ? 'Public transport' : 'Street', expected: null, kind: entry.kind });
    add({ text: entry.text, site: entry.site, locationType: 'Licensed premises', expected: null, kind: entry.kind });
  }
  for (const entry of PREMISES_TEXTS) {
    add({ text: entry.text, site: entry.site, locationType: entry.inside ? 'Licensed premises' : 'Street', expected: { premises: entry.premises, ...(entry.district ? { district: entry.district } : {}) }, kind: 'premises' });
  }
  return all;
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

describe.skipIf(!hasSharedData)('attribution on the real two-borough data: no premises counts a text that names another place', () => {
  let context: PipelineContext;
  let premises: PremisesPoint[];
  const all = rows();
  const key = (siteCode: string, date: string, hour: number | null) => `${siteCode}|${date}|${hour}`;
  const byKey = new Map(all.map((row) => [key(SITES.find((site) => site.site === row.site)!.code, `${MONTH}-${String(row.day).padStart(2, '0')}`, row.hour), row]));

  beforeAll(async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'istv-attribution-real-'));
    const gazetteer = path.join(folder, 'gazetteer.json');
    writeGazetteer(gazetteer, buildGazetteer(sharedDataInputs(sharedDataDir)));
    const raw = {
      areaName: 'Haringey and Barking and Dagenham',
      dataDir: path.join(folder, 'data'),
      gazetteer,
      sites: SITES.map(({ site: _site, ...site }) => site),
      intake: { settleSeconds: 0 },
    };
    const config = parseConfig(raw, folder, path.join(folder, 'istv.config.json'));
    context = openPipelineContext(config, { quiet: true });
    for (const site of SITES) {
      const lines = all
        .filter((row) => row.site === site.site)
        .map((row, index) => {
          const date = `${String(row.day).padStart(2, '0')}/10/2026`;
          const time = `${String(row.hour).padStart(2, '0')}:15`;
          return [site.code, `A${index + 1}`, `${date} ${String(row.hour).padStart(2, '0')}:50`, `${date} ${time}`, 'punched', '', row.locationType, csvCell(row.text), '1', 'stranger', 'N', 'N', '30', 'M', 'Y'].join(',');
        });
      writeFileSync(path.join(context.dataDir.inbox, `${site.code}_${MONTH}.csv`), `${HEADER}\n${lines.join('\n')}\n`);
    }
    const summary = await ingestInbox(context);
    expect(summary.files.map((file) => file.outcome)).toEqual(['ingested', 'ingested']);
    premises = reportInputsFromGazetteer(gazetteer, reportSchema.parse(undefined).licensing)!.premises;
  }, 300_000);
  afterAll(() => {
    if (context) closePipelineContext(context);
  });

  it('stores every row', () => {
    const stored = context.store.prepare(`SELECT COUNT(*) AS n FROM current_records`).get() as { n: number };
    expect(stored.n).toBe(all.length);
  });

  it.each(OTHER_PLACE_TEXTS.map((entry) => [entry.kind, entry.text, entry.near]))('%s "%s" (beside %s) counts for no premises', (_kind, text) => {
    const counted = attributeToPremises(context.store, [MONTH], premises)
      .map((assault) => ({ assault, row: byKey.get(key(assault.siteCode, assault.date, assault.hour)) }))
      .filter(({ row }) => row?.text === text)
      .map(({ assault }) => premises.find((entry) => entry.id === assault.premisesId)?.name);
    expect(counted).toEqual([]);
  });

  it.each(PREMISES_TEXTS.map((entry) => [entry.text, entry.premises, entry.district ?? '']))('"%s" counts for %s %s', (text, name, district) => {
    const counted = attributeToPremises(context.store, [MONTH], premises)
      .filter((assault) => byKey.get(key(assault.siteCode, assault.date, assault.hour))?.text === text)
      .map((assault) => premises.find((entry) => entry.id === assault.premisesId)!);
    expect(counted).toHaveLength(1);
    expect(nameWords(counted[0]!.name).join(' ')).toContain(name);
    if (district) expect(counted[0]!.postcode?.startsWith(`${district} `)).toBe(true);
  });

  it('the published licensing pack: every premises total together counts exactly the texts that named a premises', async () => {
    const summary = await publishMonth(context, MONTH, { pdf: 'skip' });
    const release = JSON.parse(readFileSync(path.join(summary.directory, 'licensing', 'release.json'), 'utf8')) as {
      tables: Array<{ id: string; cells: Array<{ keys: Record<string, string>; value: number | null }> }>;
    };
    const monthly = release.tables.find((table) => table.id === 'premises-month')!;
    const grandTotal = monthly.cells.find((cell) => Object.values(cell.keys).every((value) => value === '__total__'));
    expect(grandTotal?.value).toBe(PREMISES_TEXTS.length);
    const index = readFileSync(path.join(summary.directory, 'licensing', 'index.csv'), 'utf8');
    // The two pubs called The Victoria are both listed, told apart by their postcodes.
    expect(index).toMatch(/The Victoria,.*N17 9TT/);
    expect(index).toMatch(/The Victoria,.*IG11 7LZ/);
  });

  it('texts naming a station or postcode beside a pub are context for it, outside its total', () => {
    const elbowRoom = premises.find((entry) => entry.name === 'The Elbow Room')!;
    const context_ = nearbyContext(context.store, [MONTH], [elbowRoom], 50);
    expect(context_.map((entry) => entry.namedKind)).toContain('landmark');
  });
});

if (!hasSharedData) console.log(`[report tests] ${sharedDataDir} not found: the attribution test on the real two-borough data is skipped`);
