/**
 * Across releases, end to end: publishMonth protects a month's public-health
 * release beside the releases already on record (the month before, the
 * earlier edition of the same month). An attack written here, from the
 * published release.json files alone and the public LSOA → ward lookup,
 * links what a reader holds: both months' LSOA × weapon and ward × weapon
 * tables (a ward is the sum of its LSOAs), the two rolling years (this
 * month's less the month before's is this month less the month a year
 * before), the trend's rows, and each edition of a month as the same counts.
 * HiGHS is called directly, in whole numbers. Published one after the other,
 * no suppressed cell is narrower than the policy's width; published each on
 * its own (nothing on record to link), the same attack narrows some, so the
 * link is what protects them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import highsModule from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthsEnding } from '../../src/aggregate/months.ts';
import { disclosurePolicy } from '../../src/config/disclosure.ts';
import { parseConfig } from '../../src/config/load.ts';
import { closePipelineContext, openPipelineContext } from '../../src/pipeline/context.ts';
import { publishMonth } from '../../src/report/publish.ts';
import { createRandom } from '../../sample-data/lib/random.ts';
import { createFixtureStore, type FixtureRecord } from './fixtures.ts';

type Loader = typeof highsModule.default;
const loadHighs = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as unknown as Loader;
const highs = await loadHighs();

const MONTH = '2026-06';
const BEFORE = addMonths(MONTH, -1);
const SITE = { code: 'RXX01', name: 'Test General Hospital' };
const TOTAL = '__total__';
const POLICY = disclosurePolicy({ method: 'hes' });

// ---------------------------------------------------------------------------
// A small area: square LSOAs, four to a ward, and attendances in them.
// ---------------------------------------------------------------------------

const LSOAS = Array.from({ length: 20 }, (_, index) => ({ code: `E0100${String(index).padStart(4, '0')}`, ward: `E0500${String(Math.floor(index / 4)).padStart(4, '0')}` }));
const WARD_OF = new Map(LSOAS.map((lsoa) => [lsoa.code, lsoa.ward]));

function boundaries(): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: LSOAS.map((lsoa, index) => {
      const [x, y] = [-0.2 + (index % 5) * 0.01, 51.5 + Math.floor(index / 5) * 0.01];
      return {
        type: 'Feature',
        properties: { LSOA21CD: lsoa.code, LSOA21NM: `Area ${index}`, WD23CD: lsoa.ward, WD23NM: `Ward ${lsoa.ward.slice(-1)}`, USUALRES: 1500 },
        geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] },
      };
    }),
  };
}

const WEAPONS = ['body', 'body', 'body', 'knife_or_sharp', 'glass', 'bottle', 'blunt_object', 'other'];

/** Attendances over the fourteen months to MONTH: a few a month in each LSOA, so many cells are small. */
function extracts(): Map<string, FixtureRecord[]> {
  const random = createRandom(20260613);
  const byMonth = new Map<string, FixtureRecord[]>();
  for (const month of monthsEnding(MONTH, 14)) {
    const records: FixtureRecord[] = [];
    LSOAS.forEach((lsoa, index) => {
      const count = Math.floor(random.next() * (index % 3 === 0 ? 9 : 5));
      for (let n = 0; n < count; n++) {
        records.push({ date: `${month}-${String(1 + Math.floor(random.next() * 28)).padStart(2, '0')}`, weapon: random.pick(WEAPONS), lsoa: lsoa.code, ward: lsoa.ward, geocodeOutcome: 'street' });
      }
    });
    byMonth.set(month, records);
  }
  return byMonth;
}

// ---------------------------------------------------------------------------
// Publishing: one data dir with the months published in turn, or each month
// in a data dir of its own (nothing on record beside it).
// ---------------------------------------------------------------------------

interface Publisher {
  publish(month: string, revised?: boolean): Promise<string>;
  close(): void;
}

function publisher(): Publisher {
  const fixture = createFixtureStore('istv-linked-');
  for (const [month, records] of extracts()) fixture.addExtract(SITE.code, month, records);
  const config = parseConfig({ dataDir: fixture.directory, areaName: 'Testshire', sites: [{ ...SITE, longitude: -0.18, latitude: 51.52, extractDueDay: 10 }] }, fixture.directory, null);
  const context = openPipelineContext(config, { quiet: true, now: () => new Date('2026-07-20T08:00:00Z') });
  const area = boundaries();
  return {
    async publish(month, revised = false) {
      await publishMonth(context, month, { lsoaBoundaries: area, premises: [], pdf: 'skip', revised });
      return readFileSync(path.join(context.dataDir.reports, month, 'public-health', 'release.json'), 'utf8');
    },
    close() {
      closePipelineContext(context);
      fixture.close();
    },
  };
}

// ---------------------------------------------------------------------------
// The attack: release.json files, the LSOA → ward lookup, and what the tables'
// titles say about their periods. Its own model, its own solver calls.
// ---------------------------------------------------------------------------

interface PublishedCell {
  keys: Record<string, string>;
  display: string;
}

interface Narrow {
  cell: string;
  lower: number;
  upper: number;
}

/** What a display tells a reader under the HES rule the method statement states. */
function readDisplay(display: string): [number, number] {
  if (display === '*') return [1, Infinity];
  const value = Number(display);
  return value > 0 ? [Math.max(POLICY.threshold, value - 2), value + 2] : [0, 0];
}

function attack(files: string[]): Narrow[] {
  const releases = files.map((json) => JSON.parse(json) as { period: string; tables: Array<{ id: string; cells: PublishedCell[] }> });
  const months = [BEFORE, MONTH];
  const lsoas = [...new Set(releases.flatMap((release) => release.tables.find((table) => table.id === 'lsoa-weapon')!.cells.map((cell) => cell.keys.lsoa!)))].filter((code) => code !== TOTAL);
  const weapons = [...new Set(releases.flatMap((release) => release.tables.find((table) => table.id === 'lsoa-weapon')!.cells.map((cell) => cell.keys.weapon!)))].filter((code) => code !== TOTAL);
  const wardOf = (code: string) => WARD_OF.get(code) ?? code;

  // Unknowns: LSOA × weapon counts of the two months; per LSOA, the month a year before MONTH (in BEFORE's year only) and the ten months both years share.
  const x = (t: number, l: number, w: number) => `x_${t}_${l}_${w}`;
  const yearAgo = (l: number) => `a_${l}`;
  const shared = (l: number) => `c_${l}`;
  const variables = [...months.flatMap((_, t) => lsoas.flatMap((__, l) => weapons.map((___, w) => x(t, l, w)))), ...lsoas.flatMap((_, l) => [yearAgo(l), shared(l)])];
  const constraints: string[] = [];
  const say = (terms: string[], display: string) => {
    const [lower, upper] = readDisplay(display);
    const sum = terms.join(' + ');
    constraints.push(`c${constraints.length}: ${sum} >= ${lower}`);
    if (upper !== Infinity) constraints.push(`c${constraints.length}: ${sum} <= ${upper}`);
  };
  const lsoasIn = (key: string | undefined, field: 'lsoa' | 'ward') => lsoas.map((code, l) => [code, l] as const).filter(([code]) => key === TOTAL || (field === 'lsoa' ? code === key : wardOf(code) === key)).map(([, l]) => l);
  const weaponsIn = (key: string | undefined) => weapons.map((code, w) => [code, w] as const).filter(([code]) => key === TOTAL || code === key).map(([, w]) => w);
  const monthCells = (t: number, inLsoas: number[], inWeapons: number[]) => inLsoas.flatMap((l) => inWeapons.map((w) => x(t, l, w)));

  // Each cell a target to bound, once per expression.
  const targets = new Map<string, string[]>();
  for (const release of releases) {
    const t = months.indexOf(release.period);
    const table = (id: string) => release.tables.find((entry) => entry.id === id)!.cells;
    for (const cell of table('lsoa-weapon')) {
      const terms = monthCells(t, lsoasIn(cell.keys.lsoa, 'lsoa'), weaponsIn(cell.keys.weapon));
      say(terms, cell.display);
      if (cell.display === '*') targets.set(`${release.period} LSOA ${cell.keys.lsoa} ${cell.keys.weapon}`, terms);
    }
    // A ward is the sum of its LSOAs (the ONS lookup).
    for (const cell of table('ward-weapon')) {
      const terms = monthCells(t, lsoasIn(cell.keys.ward, 'ward'), weaponsIn(cell.keys.weapon));
      say(terms, cell.display);
      if (cell.display === '*') targets.set(`${release.period} ward ${cell.keys.ward} ${cell.keys.weapon}`, terms);
    }
    // The rolling year: MONTH's is MONTH + BEFORE + the shared ten months; BEFORE's is BEFORE + the shared ten + the month a year before MONTH.
    for (const cell of table('lsoa-12-months')) {
      const inLsoas = lsoasIn(cell.keys.lsoa, 'lsoa');
      const terms = [...monthCells(0, inLsoas, weaponsIn(TOTAL)), ...inLsoas.map(shared), ...(t === 1 ? monthCells(1, inLsoas, weaponsIn(TOTAL)) : inLsoas.map(yearAgo))];
      say(terms, cell.display);
      if (cell.display === '*') targets.set(`${release.period} 12 months ${cell.keys.lsoa}`, terms);
    }
    // The trend's rows for the two months are their weapon margins.
    for (const cell of table('month-weapon')) {
      const row = months.indexOf(cell.keys.month!);
      if (row === -1) continue;
      say(monthCells(row, lsoasIn(TOTAL, 'lsoa'), weaponsIn(cell.keys.weapon)), cell.display);
    }
  }

  const bound = (objective: string, sense: 'Maximize' | 'Minimize'): number => {
    const problem = `${sense}\n obj: ${objective}\nSubject To\n ${constraints.join('\n ')}\nBounds\n ${variables.map((name) => `${name} >= 0`).join('\n ')}\nGenerals\n ${variables.join(' ')}\nEnd`;
    const result = highs.solve(problem, { output_flag: false });
    // Minimised first, so the program is known to be feasible: "infeasible or unbounded" when maximising is unbounded.
    if (result.Status === 'Unbounded' || (sense === 'Maximize' && result.Status === 'Primal infeasible or unbounded')) return sense === 'Maximize' ? Infinity : 0;
    if (result.Status !== 'Optimal') throw new Error(`attack: ${result.Status}`);
    return result.ObjectiveValue;
  };
  const narrow: Narrow[] = [];
  for (const [name, terms] of targets) {
    const objective = terms.join(' + ');
    const lower = Math.round(bound(objective, 'Minimize'));
    const upper = bound(objective, 'Maximize');
    // A cell bounded wholly above the protected range is a count the policy shows anyway (a secondary suppression); one that may be small must keep the width.
    if (upper - lower < POLICY.protectionWidth && lower < POLICY.threshold) narrow.push({ cell: name, lower, upper });
  }
  return narrow;
}

describe('a month published beside the month before it and its own earlier edition', () => {
  let linked: string[] = [];
  let apart: string[] = [];

  beforeAll(async () => {
    const inTurn = publisher();
    try {
      linked = [await inTurn.publish(BEFORE), await inTurn.publish(MONTH), await inTurn.publish(MONTH, true)];
    } finally {
      inTurn.close();
    }
    for (const month of [BEFORE, MONTH]) {
      const alone = publisher();
      try {
        apart.push(await alone.publish(month));
      } finally {
        alone.close();
      }
    }
  }, 300_000);

  it('the method statement says what each release was checked against, and what it was not', () => {
    const statements = linked.map((json) => (JSON.parse(json) as { methodStatement: string }).methodStatement);
    expect(statements[0]).toContain('Across releases: no release of the month before or after');
    expect(statements[1]).toContain('checked together with the releases already published for May 2026');
    expect(statements[2]).toContain('the earlier edition of June 2026, May 2026');
    for (const statement of statements) expect(statement).toContain('Releases of other months are not compared with this one');
  });

  it('published each on its own, the attack narrows suppressed cells by linking the two months', () => {
    const narrow = attack(apart);
    expect(narrow.length).toBeGreaterThan(0);
  });

  it('published in turn, each beside what was on record, no suppressed cell of either month or edition is narrower than the width', () => {
    expect(attack(linked)).toEqual([]);
  });
});
