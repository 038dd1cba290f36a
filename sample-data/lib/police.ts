/**
 * Police-recorded crime for the sample area, in police.uk's street-level
 * format: one CSV a month, as a force's monthly download holds them.
 *
 * What the police record is not what the ED sees. Recorded violence follows
 * where people live (most of it reported from homes and streets nearby),
 * while violence in the night-time economy and domestic violence reach the
 * police far less often than they reach the ED (Shepherd's Cardiff studies: most
 * ED assault attendances are unknown to the police). So the recorded rate per
 * resident is even across the borough, and LSOAs with pubs, bars and clubs get
 * only a small share of their violence recorded: the ED:police ratio is high
 * there, which is what the "hidden violence" comparison should find.
 *
 * Besides violence the files carry other crime types (so that import has
 * something to filter), crimes police.uk publishes without a location, and a
 * few crimes just over the border in a neighbouring borough's LSOA.
 */
import type { Area, Lsoa, PremisesType } from './area.ts';
import type { Random } from './random.ts';

export const POLICE_FORCE = 'Northbrook Constabulary';
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

/** Recorded violence per 1,000 residents a month, before the season. */
const RESIDENT_RATE = 4;
/** Recorded violence a month for each pub, bar or club: small, because night-time-economy violence is seldom reported. */
const NIGHT_TIME_RATE = 0.5;
const NIGHT_TIME_TYPES: ReadonlySet<PremisesType> = new Set(['pub', 'bar', 'nightclub']);
const OTHER_TYPES: Array<readonly [string, number]> = [
  ['Anti-social behaviour', 1.4],
  ['Burglary', 0.35],
  ['Vehicle crime', 0.3],
  ['Criminal damage and arson', 0.3],
  ['Public order', 0.25],
];
const OUTCOMES: Array<readonly [string, number]> = [
  ['Investigation complete; no suspect identified', 30],
  ['Unable to prosecute suspect', 35],
  ['Under investigation', 15],
  ['Awaiting court outcome', 6],
  ['Offender given a caution', 4],
  ['Local resolution', 5],
  ['Status update unavailable', 5],
];
const NEIGHBOUR_LSOA = { code: 'E01999901', name: 'Southmere 012C' };

function poisson(mean: number, random: Random): number {
  if (mean > 60) return Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random.next();
  while (product > limit) {
    k += 1;
    product *= random.next();
  }
  return k;
}

function crimeId(random: Random): string {
  return Array.from({ length: 64 }, () => '0123456789abcdef'[random.integer(0, 15)]).join('');
}

interface SnapPoint {
  name: string;
  longitude: number;
  latitude: number;
}

/** police.uk's anonymisation: each crime is moved to a nearby map point ("On or near" a street). */
function snapPoints(area: Area, lsoa: Lsoa): SnapPoint[] {
  const points: SnapPoint[] = [];
  for (const street of area.streets) {
    for (const vertex of street.line) {
      if (area.lsoaAt(vertex) !== lsoa) continue;
      const [longitude, latitude] = area.plane.toLonLat(vertex);
      points.push({ name: street.name, longitude, latitude });
      break;
    }
  }
  if (points.length === 0) {
    const [longitude, latitude] = area.plane.toLonLat(lsoa.seed);
    points.push({ name: 'Parking Area', longitude, latitude });
  }
  return points;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One month's street-level file for the force, rows in police.uk's order (by LSOA name). */
export function policeMonthFile(area: Area, month: string, season: number, random: Random): string {
  const nightTime = new Map<Lsoa, number>();
  for (const premises of area.premises) {
    if (!NIGHT_TIME_TYPES.has(premises.premisesType)) continue;
    const lsoa = area.lsoaAt(premises.point);
    if (lsoa) nightTime.set(lsoa, (nightTime.get(lsoa) ?? 0) + 1);
  }
  const rows: Array<{ sort: string; cells: string[] }> = [];
  const add = (lsoa: { code: string; name: string } | null, point: SnapPoint | null, type: string) => {
    const outcome = type === 'Anti-social behaviour' ? '' : random.weighted(OUTCOMES);
    const id = type === 'Anti-social behaviour' ? '' : crimeId(random);
    rows.push({
      sort: lsoa?.name ?? '\uffff',
      cells: [id, month, POLICE_FORCE, POLICE_FORCE, point ? point.longitude.toFixed(6) : '', point ? point.latitude.toFixed(6) : '', point ? `On or near ${point.name}` : 'No location', lsoa?.code ?? '', lsoa?.name ?? '', type, outcome, ''],
    });
  };
  for (const lsoa of area.lsoas) {
    const points = snapPoints(area, lsoa);
    const code = { code: lsoa.properties.LSOA21CD, name: lsoa.properties.LSOA21NM };
    const violence = season * ((RESIDENT_RATE * lsoa.properties.USUALRES) / 1000 + NIGHT_TIME_RATE * (nightTime.get(lsoa) ?? 0));
    for (let i = poisson(violence, random); i > 0; i -= 1) add(code, random.pick(points), 'Violence and sexual offences');
    for (const [type, rate] of OTHER_TYPES) for (let i = poisson((rate * lsoa.properties.USUALRES) / 1000, random); i > 0; i -= 1) add(code, random.pick(points), type);
  }
  // A few crimes without a location, and a few over the border.
  for (let i = poisson(3, random); i > 0; i -= 1) add(null, null, 'Violence and sexual offences');
  const border = snapPoints(area, area.lsoas[0]!)[0]!;
  for (let i = poisson(4, random); i > 0; i -= 1) add(NEIGHBOUR_LSOA, { ...border, name: 'Southmere Road' }, 'Violence and sexual offences');
  rows.sort((a, b) => a.sort.localeCompare(b.sort));
  return `${[HEADER, ...rows.map((row) => row.cells.map(csvCell).join(','))].join('\r\n')}\r\n`;
}

/** police/YYYY-MM-northbrook-street.csv for each month. */
export function policeFiles(area: Area, months: readonly string[], season: (month: string) => number, random: Random): Map<string, string> {
  return new Map(months.map((month) => [`police/${month}-northbrook-street.csv`, policeMonthFile(area, month, season(month), random.fork(`police:${month}`))]));
}
