/**
 * A release whose tables a reader can link: LSOA × weapon for the month, ward
 * × weapon for the month (a ward is the sum of its LSOAs, by the public ONS
 * lookup), LSOAs over the twelve months (which contain the month), and month
 * × weapon over 24 months. The protector must suppress enough that neither
 * the auditor nor an attack written here, from the published JSON alone with
 * its own solver calls, bounds any protected cell more tightly than the width.
 */
import { describe, expect, it } from 'vitest';
import highsModule from 'highs';
import { disclosurePolicy, type DisclosurePolicy } from '../../src/config/disclosure.ts';
import { auditRelease, protectRelease, type CountTable, type Dimension, type ProtectedRelease } from '../../src/disclose/index.ts';
import { attendances, periodTable as table, syntheticArea, weaponDimension, type AreaLsoa, type Attendance } from './fixtures.ts';

type Loader = typeof highsModule.default;
const loadHighs = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as unknown as Loader;
const highs = await loadHighs();

const MONTHS = Array.from({ length: 24 }, (_, index) => `20${String(25 + Math.floor((index + 10) / 12)).padStart(2, '0')}-${String(((index + 10) % 12) + 1).padStart(2, '0')}`);
const MONTH = MONTHS[23]!;
const YEAR = MONTHS.slice(12);

/** The tables a public-health release prints, shaped as the packs shape them (ward and LSOA in separate tables). */
function linkedTables(area: AreaLsoa[], records: Attendance[]): CountTable[] {
  const wardOf = new Map(area.map((entry) => [entry.lsoa, entry.ward]));
  const members: Record<string, string[]> = {};
  for (const entry of area) (members[entry.ward] ??= []).push(entry.lsoa);
  const lsoa: Dimension = { name: 'lsoa', label: 'LSOA', values: area.map((entry) => entry.lsoa) };
  const ward: Dimension = { name: 'ward', label: 'Ward', values: Object.keys(members), of: { dimension: 'lsoa', members } };
  const month: Dimension = { name: 'month', label: 'Month', values: MONTHS };
  return [
    table('lsoa-weapon', records, [MONTH], [
      { dimension: lsoa, of: (record) => record.lsoa },
      { dimension: weaponDimension(), of: (record) => record.weapon },
    ]),
    table('ward-weapon', records, [MONTH], [
      { dimension: ward, of: (record) => wardOf.get(record.lsoa)! },
      { dimension: weaponDimension(), of: (record) => record.weapon },
    ]),
    table('lsoa-12-months', records, YEAR, [{ dimension: lsoa, of: (record) => record.lsoa }]),
    table('month-weapon', records, MONTHS, [
      { dimension: month, of: (record) => record.month },
      { dimension: weaponDimension(), of: (record) => record.weapon },
    ]),
  ];
}

// ---------------------------------------------------------------------------
// The attack: only the published JSON, the public LSOA → ward lookup, and what
// the titles say about periods. Its own model, its own solver calls.
// ---------------------------------------------------------------------------

interface PublishedCell {
  keys: Record<string, string>;
  value: number | null;
  display: string;
  status: string;
}

interface Narrow {
  cell: string;
  lower: number;
  upper: number;
}

/** What a display tells a reader under the published method statement's rule. */
function readDisplay(cell: PublishedCell, policy: DisclosurePolicy): [number, number] {
  if (cell.display === '*') return [1, Infinity];
  const band = /^(\d+) to (\d+)$/.exec(cell.display);
  if (band) return [Number(band[1]), Number(band[2])];
  const value = Number(cell.display);
  if (policy.method === 'hes' && value > 0) return [Math.max(policy.threshold, value - 2), value + 2];
  return [value, value];
}

function attack(json: string, lookup: Map<string, string>, policy: DisclosurePolicy, width: number): Narrow[] {
  const release = JSON.parse(json) as { tables: Array<{ id: string; cells: PublishedCell[] }> };
  const byTable = new Map(release.tables.map((entry) => [entry.id, new Map(entry.cells.map((cell) => [JSON.stringify(cell.keys), cell]))]));
  const cell = (tableId: string, keys: Record<string, string>) => byTable.get(tableId)!.get(JSON.stringify(keys))!;
  const lsoaWeapon = release.tables.find((entry) => entry.id === 'lsoa-weapon')!.cells;
  const lsoas = [...new Set(lsoaWeapon.map((c) => c.keys.lsoa!).filter((value) => value !== '__total__'))];
  const weapons = [...new Set(lsoaWeapon.map((c) => c.keys.weapon!).filter((value) => value !== '__total__'))];
  const wards = [...new Set(lsoas.map((code) => lookup.get(code)!))];

  // Unknowns: each LSOA × weapon count of the month; each LSOA's count in the eleven other months of the year.
  const x = (l: number, w: number) => `x_${l}_${w}`;
  const rest = (l: number) => `r_${l}`;
  const constraints: string[] = [];
  const bounds: string[] = [];
  const say = (terms: string[], shown: PublishedCell) => {
    const [lower, upper] = readDisplay(shown, policy);
    const sum = terms.join(' + ');
    constraints.push(`c${constraints.length}: ${sum} >= ${lower}`);
    if (upper !== Infinity) constraints.push(`c${constraints.length}: ${sum} <= ${upper}`);
  };
  const M = { month: MONTH };
  lsoas.forEach((code, l) => {
    weapons.forEach((weapon, w) => say([x(l, w)], cell('lsoa-weapon', { ...M, lsoa: code, weapon }) ?? cell('lsoa-weapon', { lsoa: code, weapon })));
  });
  const lw = (keys: Record<string, string>) => cell('lsoa-weapon', keys);
  lsoas.forEach((code, l) => say(weapons.map((_, w) => x(l, w)), lw({ lsoa: code, weapon: '__total__' })));
  weapons.forEach((weapon, w) => say(lsoas.map((_, l) => x(l, w)), lw({ lsoa: '__total__', weapon })));
  say(lsoas.flatMap((_, l) => weapons.map((__, w) => x(l, w))), lw({ lsoa: '__total__', weapon: '__total__' }));
  // A ward is the sum of its LSOAs (ONS lookup), in every weapon and in total.
  for (const ward of wards) {
    const inWard = lsoas.map((code, l) => [code, l] as const).filter(([code]) => lookup.get(code) === ward).map(([, l]) => l);
    weapons.forEach((weapon, w) => say(inWard.map((l) => x(l, w)), cell('ward-weapon', { ward, weapon })));
    say(inWard.flatMap((l) => weapons.map((_, w) => x(l, w))), cell('ward-weapon', { ward, weapon: '__total__' }));
  }
  weapons.forEach((weapon, w) => say(lsoas.map((_, l) => x(l, w)), cell('ward-weapon', { ward: '__total__', weapon })));
  // The year's LSOA counts contain the month's: year = month + the other eleven (at least 0).
  lsoas.forEach((code, l) => say([...weapons.map((_, w) => x(l, w)), rest(l)], cell('lsoa-12-months', { lsoa: code })));
  say(lsoas.flatMap((_, l) => [...weapons.map((__, w) => x(l, w)), rest(l)]), cell('lsoa-12-months', { lsoa: '__total__' }));
  // The trend's month row is the month's weapon margin.
  weapons.forEach((weapon, w) => say(lsoas.map((_, l) => x(l, w)), cell('month-weapon', { month: MONTH, weapon })));
  const variables = [...lsoas.flatMap((_, l) => weapons.map((__, w) => x(l, w))), ...lsoas.map((_, l) => rest(l))];
  for (const variable of variables) bounds.push(`${variable} >= 0`);

  const bound = (objective: string, sense: 'Maximize' | 'Minimize'): number => {
    const problem = `${sense}\n obj: ${objective}\nSubject To\n ${constraints.join('\n ')}\nBounds\n ${bounds.join('\n ')}\nGenerals\n ${variables.join(' ')}\nEnd`;
    const result = highs.solve(problem, { output_flag: false });
    if (result.Status === 'Unbounded') return sense === 'Maximize' ? Infinity : 0;
    if (result.Status !== 'Optimal') throw new Error(`attack LP: ${result.Status}`);
    return result.ObjectiveValue;
  };
  const narrow: Narrow[] = [];
  const target = (name: string, terms: string[]) => {
    const objective = terms.join(' + ');
    const lower = Math.round(bound(objective, 'Minimize'));
    const upper = bound(objective, 'Maximize');
    if (upper - lower < width) narrow.push({ cell: name, lower, upper });
  };
  lsoas.forEach((code, l) => {
    weapons.forEach((weapon, w) => {
      if (lw({ ...M, lsoa: code, weapon })?.display === '*' || lw({ lsoa: code, weapon })?.display === '*') target(`${code} ${weapon}`, [x(l, w)]);
    });
    if (lw({ lsoa: code, weapon: '__total__' }).display === '*') target(`${code} total`, weapons.map((_, w) => x(l, w)));
  });
  for (const ward of wards) {
    const inWard = lsoas.map((code, l) => [code, l] as const).filter(([code]) => lookup.get(code) === ward).map(([, l]) => l);
    weapons.forEach((weapon, w) => {
      if (cell('ward-weapon', { ward, weapon }).display === '*') target(`${ward} ${weapon}`, inWard.map((l) => x(l, w)));
    });
  }
  return narrow;
}

/** A release protected table by table (no links between tables): what the attack must be able to break. */
function protectedApart(tables: CountTable[], policy: DisclosurePolicy): ProtectedRelease {
  const parts = tables.map((entry) => protectRelease([entry], policy, { audience: 'public', period: MONTH }));
  return { ...parts[0]!, tables: parts.flatMap((part) => part.tables) };
}

describe('a release whose ward table and LSOA table let a reader subtract one LSOA from its ward', () => {
  const area = syntheticArea(36, 6, 3);
  const lookup = new Map(area.map((entry) => [entry.lsoa, entry.ward]));
  const records = attendances(area.map((entry) => entry.lsoa), MONTHS, 18);
  const tables = linkedTables(area, records);

  for (const input of [{ method: 'hes' as const }, { method: 'threshold_suppression' as const, threshold: 10 }]) {
    const policy = disclosurePolicy(input);
    it(`the attack breaks tables protected one by one, under ${input.method}`, () => {
      const release = protectedApart(tables, policy);
      expect(attack(JSON.stringify(release), lookup, policy, policy.protectionWidth).length).toBeGreaterThan(0);
    });

    it(`protected together, neither the auditor nor the attack narrows a cell below the width, under ${input.method}`, () => {
      const release = protectRelease(tables, policy, { audience: 'public', period: MONTH });
      expect(auditRelease(release, tables, policy)).toEqual([]);
      expect(attack(JSON.stringify(release), lookup, policy, policy.protectionWidth)).toEqual([]);
    });
  }
});
