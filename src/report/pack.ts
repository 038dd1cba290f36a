/**
 * What every audience pack is built from and what it hands back. A pack first
 * names its count tables (true counts, from src/aggregate); the publisher puts
 * them through disclosure control for the pack's audience; the pack then
 * renders only the protected release.
 */
import type { AreaLsoa } from '../aggregate/dimensions.ts';
import type { Audience } from '../config/audience.ts';
import type { MonthAlerts } from '../aggregate/alerts/month-alerts.ts';
import type { PremisesPoint } from '../aggregate/premises.ts';
import type { DisclosurePolicy } from '../config/disclosure.ts';
import type { CountTable, ProtectedRelease } from '../disclose/types.ts';
import type { PackReads } from '../aggregate/pack-reads.ts';
import type { LsoaBoundaries } from './area.ts';
import type { MarkedEdition } from './marking.ts';
import type { GazetteerProvenance } from './gazetteer-inputs.ts';
import type { MapPlace } from './licensing/premises-map.ts';
import type { Coverage } from './coverage.ts';
import { html, type Html } from './render/html.ts';
import { csvMetadata, protectedTableColumns, protectedTableToCsv } from './render/csv.ts';


export interface PackInput {
  /** The reads the packs count from (src/aggregate/pack-reads.ts): query functions, never the database handle. */
  reads: PackReads;
  /** Reporting month, YYYY-MM. */
  month: string;
  areaName: string;
  /** LSOAs of the area, from the boundaries; empty when none were given. */
  area: AreaLsoa[];
  boundaries: LsoaBoundaries | null;
  /** When set, the pack is marked "Revised: <this>". */
  revised: string | null;
  /** ISO timestamp of the publish run. */
  generatedAt: string;
  licensing: LicensingOptions;
  /**
   * Record-level data for police analysts is released only when the police
   * policy shows counts as recorded ("none", under the information-sharing
   * agreement): records beside protected tables would undo the protection.
   */
  policeRecordLevel: boolean;
  /**
   * Record-level detail for licensing (the allow-listed location texts behind each
   * premises) is shown only when the licensing policy publishes counts as they are:
   * a list of texts is a lower bound on a count.
   */
  licensingRecordLevel?: boolean;
  /** Where the pack's places come from and which software made it, for the provenance sections. */
  provenance?: PackProvenance;
  /** Rates from published counts under this are not shown (the public-health policy's rateMinimumCount). */
  rateMinimumCount: number | null;
  /** The disclosure policy each audience's release is protected under (the hospital's is "none": its own counts). */
  policies: Record<Audience, DisclosurePolicy>;
  /** The protective marking of each printed edition (src/report/marking.ts), shown on screen and on every printed page. */
  markings: Record<MarkedEdition, string>;
  /**
   * Months whose every expected site's extract is in (complete in `coverage`).
   * Analyses over many months (alerts, hotspots, ED beside police) count only
   * these: a month missing one hospital would read as less violence in its
   * catchment, a false cold spot or a low ED:police ratio.
   */
  monthsReceived: ReadonlySet<string>;
  /** This month's alerts (area, wards, premises), worked out once for every pack. */
  alerts?: MonthAlerts;
  /** Which sites' extracts each month stands on; a month without any is "no data", never zero. */
  coverage: Coverage;
  /** The month is partial (an expected site's extract is missing or refused) and was published as such on request. */
  partialAllowed: boolean;
  /** The sites in the config, for the hospital feedback (sites that sent extracts but are not configured are added). */
  sites: Array<{ code: string; name: string; extractDueDay?: number | undefined }>;
}

export interface PackProvenance {
  /** The gazetteer's version and sources; null when none is configured. */
  gazetteer: GazetteerProvenance | null;
  /** istv's version (package.json). */
  softwareVersion: string;
}

export interface LicensingOptions {
  /** Months of history in each premises report (12 to 36). */
  months: number;
  /** Context only: assaults placed within this many metres at another named place are shown beside a premises, never counted. */
  nearMetres: number;
  /** The licensed premises to consider; when null (no gazetteer), the premises the geocoder has matched in the store. */
  premises: PremisesPoint[] | null;
  /** Also write each premises report as a hearing-bundle edition. */
  hearingBundle?: boolean;
  /** Stations and streets to label on the premises maps. */
  mapPlaces?: MapPlace[];
}

export interface PackFile {
  /** Path inside the audience folder, with forward slashes. */
  path: string;
  content: string;
  /** Print this HTML file to a PDF beside it (same name, .pdf). */
  printToPdf?: boolean;
}

/** One audience's pack: which tables to protect, and how to render the protected release. */
export interface PackBuilder<Prepared> {
  audience: Audience;
  prepare(input: PackInput): { tables: CountTable[]; prepared: Prepared };
  render(input: PackInput, prepared: Prepared, release: ProtectedRelease): PackFile[];
}

/** Each protected table as CSV with its CSVW metadata, under tables/. */
export function tableFiles(release: ProtectedRelease, folder = 'tables'): PackFile[] {
  return release.tables.flatMap((table) => [
    { path: `${folder}/${table.id}.csv`, content: protectedTableToCsv(table) },
    { path: `${folder}/${table.id}.csv-metadata.json`, content: csvMetadata(`${table.id}.csv`, table.title, release.methodStatement, protectedTableColumns(table)) },
  ]);
}

/** The release as JSON: every protected table with the method statement. */
export function releaseJson(release: ProtectedRelease, input: PackInput): PackFile {
  return {
    path: 'release.json',
    content: `${JSON.stringify({ audience: release.audience, period: release.period, areaName: input.areaName, generatedAt: input.generatedAt, revised: input.revised, methodStatement: release.methodStatement, tables: release.tables }, null, 2)}\n`,
  };
}

export function subtitle(input: PackInput, audienceLabel: string, period: string): string {
  return `${input.areaName} · ${audienceLabel} · ${period} · produced ${input.generatedAt.slice(0, 10)} from emergency department assault attendances (ISTV)`;
}

/** Caveats every pack states, whatever its audience. */
export const COMMON_CAVEATS = [
  'These are assaults treated at the emergency departments that share data (the Cardiff Model). Most are never reported to police, and assaults treated elsewhere or not at all are not counted.',
  'The time, place and weapon are as the patient told reception staff: self-reported, unverified, and sometimes left blank or "unknown".',
  'Places are matched from free text written by reception staff; a match is a judgement by software, with the confidence shown where it matters. Unmatched and home locations are counted but not mapped.',
];

/**
 * What the reader must know about disclosure control in this pack, worded from
 * the policy its release was protected under, so that the caveats say what the
 * method statement and the tables do (a pack shown as recorded must not claim
 * protection, and a protected one must say a "*" is not zero).
 */
export function disclosureCaveat(input: PackInput, audience: Audience): string {
  const policy = input.policies[audience];
  const small = `1 to ${policy.threshold - 1}`;
  switch (policy.method) {
    case 'none':
      return 'Counts are shown as recorded, without disclosure control (see Method): small numbers can identify people. This pack is for its named audience under the information-sharing agreement; do not publish it or pass it on.';
    case 'hes':
      return `Small numbers are protected by disclosure control (see Method): counts of ${small}, and any cell from which one could be worked out, are shown as "*"; other counts are rounded to the nearest ${policy.roundingBase}. A "*" is not zero.`;
    case 'ons_band':
      return `Small numbers are protected by disclosure control (see Method): counts of ${small} are shown as "${small}", and any cell from which one could be worked out as "*". Neither is zero.`;
    case 'threshold_suppression':
      return `Small numbers are protected by disclosure control (see Method): counts of ${small}, and any cell from which one could be worked out, are shown as "*". A "*" is not zero.`;
  }
}

export function linkList(links: Array<{ href: string; text: string }>): Html {
  return html`<ul>${links.map((link) => html`<li><a href="${link.href}">${link.text}</a></li>`)}</ul>`;
}
