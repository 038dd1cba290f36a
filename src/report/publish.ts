/**
 * publishMonth: every audience's pack for one month, under
 * `reports/YYYY-MM/<audience>/`, written all at once or not at all.
 *
 * Each pack's count tables go through disclosure control for its audience and
 * the release must pass the auditor before anything is rendered. The packs are
 * written into a fresh folder under `reports/.packs/`; `reports/YYYY-MM` is a
 * relative symbolic link to the current one, replaced with one rename(2). A
 * crash at any point leaves readers the old pack or the new, never a mixture.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { alerting } from '../aggregate/alerts/month-alerts.ts';
import { assertMonth, monthLabel } from '../aggregate/months.ts';
import type { PremisesPoint } from '../aggregate/premises.ts';
import { AUDIENCES, type Audience } from '../config/audience.ts';
import { DEFAULT_DISCLOSURE_POLICIES, disclosurePolicy, type DisclosureConfig, type DisclosurePolicy } from '../config/disclosure.ts';
import { reportSchema, type ReportConfig } from '../config/report.ts';
import { auditRelease, protectRelease } from '../disclose/index.ts';
import type { PublishedRelease } from '../disclose/index.ts';
import type { CountTable, ProtectedRelease } from '../disclose/types.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { DataDirectory } from '../config/data-dir.ts';
import type { Logger } from '../log.ts';
import { describeOwner } from '../store/locks.ts';
import { areaFromBoundaries, type LsoaBoundaries } from './area.ts';
import { Coverage } from './coverage.ts';
import { gazetteerSources, reportInputsFromGazetteer } from './gazetteer-inputs.ts';
import { AttributionBuilder, attributeFiles } from './attribution.ts';
import { packageVersion } from '../lib/package-root.ts';
import { hospitalPack } from './hospital/pack.ts';
import { licensingPack } from './licensing/pack.ts';
import { releaseJson, tableFiles, type PackBuilder, type PackFile, type PackInput } from './pack.ts';
import { publishedReleases, withAcrossReleases } from './linked-releases.ts';
import { protectiveMarking, type MarkedEdition } from './marking.ts';
import { policePack } from './police/pack.ts';
import { CORE_TABLE_ID, publicHealthPack } from './public-health/pack.ts';
import { openPdfPrinter, CHROMIUM_PATH } from './render/pdf.ts';
import type { ReportStore } from './report-store.ts';
import { alertsJson } from './sections/alerts.ts';

export interface PublishOptions {
  /** Mark every pack "Revised: …" (the month was published before and its data changed). */
  revised?: boolean;
  /** LSOA polygons for the maps, rates and LSOA names (ONS GeoJSON or the gazetteer's LSOAs as features); default: the configured gazetteer's. */
  lsoaBoundaries?: FeatureCollection;
  /** Premises to consider for the licensing pack; default: the configured gazetteer's premises, else those matched in the store. */
  premises?: PremisesPoint[];
  /** `if-available` (default) skips PDFs with a warning when Chromium is not installed; `required` fails instead. */
  pdf?: 'required' | 'if-available' | 'skip';
  /**
   * A month with an expected site's extract missing or refused: `allow` (default)
   * publishes it marked partial, naming the missing sites; `refuse` throws a
   * PublishRefusal. `istv report` refuses unless told `--allow-partial`.
   */
  partial?: 'allow' | 'refuse';
}

/** Why a month cannot be published: it is in the future, no site's extract is in, or (when refused) it is partial. */
export interface PublishRefusalReason {
  kind: 'future' | 'no_data' | 'partial';
  message: string;
}

export class PublishRefusal extends Error {
  constructor(readonly reason: PublishRefusalReason) {
    super(reason.message);
    this.name = 'PublishRefusal';
  }
}

/** The coverage of every month: which sites' extracts are in, late, refused or missing. */
export function storeCoverage(context: ReportContext): Coverage {
  const lateExtracts = context.config.schedule?.lateExtracts;
  return new Coverage({
    receipts: context.reportStore.extractReceipts(),
    refusals: context.reportStore.refusedFiles(),
    sites: context.config.sites,
    defaultDueDay: lateExtracts?.dueDay ?? 5,
    expectFrom: lateExtracts?.expectFrom,
    now: context.now(),
  });
}

/** Whether `month` may be published, as a value: null when it may. */
export function publishRefusal(coverage: Coverage, month: string, partial: 'allow' | 'refuse'): PublishRefusalReason | null {
  assertMonth(month);
  if (coverage.isFuture(month)) return { kind: 'future', message: `${monthLabel(month)} is in the future (today is ${coverage.today}): there is nothing to publish yet.` };
  const of = coverage.of(month);
  if (of.kind === 'no_data') {
    const why = of.sites.length === 0 ? 'no extract has been received for any month yet' : coverage.missingText(month);
    return { kind: 'no_data', message: `No emergency department's extract for ${monthLabel(month)} is in the store (${why}); a pack would show no data as no violence.` };
  }
  if (of.kind === 'partial' && partial === 'refuse') {
    return { kind: 'partial', message: `${monthLabel(month)} is partial: ${coverage.missingText(month)}. Publish it marked partial with --allow-partial, or wait for the missing extracts.` };
  }
  return null;
}

export interface PublishedAudience {
  audience: string;
  /** Files written, relative to the month folder. */
  files: string[];
  tables: number;
  methodStatement: string;
}

export interface PublishSummary {
  month: string;
  /** The month folder (a link to the pack version just written). */
  directory: string;
  generatedAt: string;
  revised: boolean;
  audiences: PublishedAudience[];
  pdfs: number;
  pdfSkippedReason: string | null;
  /** The sites missing from the month (empty when complete): the packs are marked partial and name them. */
  missingSites: Array<{ siteCode: string; siteName: string; state: string }>;
}

/** A publication in counts, as the publication history keeps it (the scheduler's runs and `istv report` alike). */
export function publicationCounts(summary: PublishSummary): { audiences: number; files: number; pdfs: number; revised: boolean } {
  return {
    audiences: summary.audiences.length,
    files: summary.audiences.reduce((total, audience) => total + audience.files.length, 0),
    pdfs: summary.pdfs,
    revised: summary.revised,
  };
}

/** The hospital is the data controller receiving feedback on its own extract: its counts are its own. */
const HOSPITAL_POLICY = disclosurePolicy({ method: 'none' });

/** What publishing needs from the running istv (the pipeline's context has all of it). */
export interface ReportContext {
  config: LoadedConfig;
  dataDir: DataDirectory;
  /** The store as the report stage may use it (src/report/report-store.ts): queries, never the database handle. */
  reportStore: ReportStore;
  logger: Logger;
  now: () => Date;
}

function policyFor(context: ReportContext, audience: Audience): DisclosurePolicy {
  if (audience === 'hospital') return HOSPITAL_POLICY;
  // Configs built in code (tests, tools) may come without the section; the defaults then apply.
  const configured: DisclosureConfig | undefined = context.config.disclosure;
  return configured?.[audience] ?? disclosurePolicy(DEFAULT_DISCLOSURE_POLICIES[audience]);
}

function reportConfig(context: ReportContext): ReportConfig {
  const configured: ReportConfig | undefined = context.config.report;
  return configured ?? reportSchema.parse(undefined);
}

/** Each printed edition's marking: configured, else by whether its content is under disclosure control. */
function markingsFor(context: ReportContext): Record<MarkedEdition, string> {
  const configured = reportConfig(context).protectiveMarking;
  const unprotected = (audience: Audience) => policyFor(context, audience).method === 'none';
  return {
    police: protectiveMarking(configured, 'police', unprotected('police')),
    licensing: protectiveMarking(configured, 'licensing', unprotected('licensing')),
    'public-health': protectiveMarking(configured, 'public-health', unprotected('public-health')),
    hospital: protectiveMarking(configured, 'hospital', unprotected('hospital')),
    'hearing-bundle': protectiveMarking(configured, 'hearing-bundle', unprotected('licensing')),
  };
}

/**
 * Protects and audits one release, together with the releases of the same
 * audience already published (`published`): a release the auditor finds
 * anything in is never written.
 */
export function protectAndAudit(tables: CountTable[], policy: DisclosurePolicy, audience: Audience, period: string, published: PublishedRelease[] = []): ProtectedRelease {
  let release = protectRelease(tables, policy, { audience, period }, { published });
  let findings = auditRelease(release, tables, policy, { published });
  if (findings.length > 0 && findings.every((finding) => finding.kind === 'too_narrow' || finding.kind === 'pinned')) {
    // The protector passed these counts in an earlier round; protecting again, with every count checked on the final release, settles it.
    release = protectRelease(tables, policy, { audience, period }, { published, recheckAtEnd: true });
    findings = auditRelease(release, tables, policy, { published });
  }
  if (findings.length > 0) {
    // Audit messages name dimension codes and bounds, never a true count.
    throw new Error(`The ${audience} release for ${period} failed the disclosure audit (${findings.length} findings), first: ${findings[0]!.kind} in ${findings[0]!.tableId}: ${findings[0]!.message}`);
  }
  return release;
}

/** Packs with the ED-beside-police section, which shows police.uk data. */
const POLICE_DATA_AUDIENCES: ReadonlySet<string> = new Set(['police', 'public-health']);

const PACKS: Array<PackBuilder<unknown>> = [policePack as PackBuilder<unknown>, licensingPack as PackBuilder<unknown>, publicHealthPack as PackBuilder<unknown>, hospitalPack as PackBuilder<unknown>];

/**
 * The core month × LSOA × weapon table (issue 2) is the CSP's general monthly
 * aggregate. It is taken from the public-health release, where it was protected
 * together with that pack's other tables: protecting it on its own could
 * suppress a different set of cells and let the two be differenced.
 */
function coreFiles(input: PackInput, publicHealth: ProtectedRelease): { files: PackFile[]; release: ProtectedRelease } {
  const release: ProtectedRelease = { ...publicHealth, tables: publicHealth.tables.filter((table) => table.id === CORE_TABLE_ID) };
  if (release.tables.length !== 1) throw new Error(`The public-health release has no ${CORE_TABLE_ID} table`);
  const json = releaseJson(release, input);
  return {
    release,
    files: [...tableFiles(release, '.').map((file) => ({ ...file, path: file.path.replace(/^\.\//, '') })), { path: `${CORE_TABLE_ID}.json`, content: json.content }],
  };
}

function writeFileIn(root: string, relative: string, content: string): void {
  if (relative.split('/').some((part) => part === '..' || part === '')) throw new Error(`Unexpected pack file path: ${relative}`);
  const target = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}

function previousManifest(monthLink: string): { generatedAt?: string } | null {
  try {
    return JSON.parse(readFileSync(path.join(monthLink, 'manifest.json'), 'utf8')) as { generatedAt?: string };
  } catch {
    return null;
  }
}

/**
 * Points `reports/<month>` at `packs/<version>` atomically. A real folder left
 * there by an older istv is moved into the packs folder first.
 */
function swapLink(reportsDirectory: string, month: string, versionFolder: string): string | null {
  const link = path.join(reportsDirectory, month);
  let previousTarget: string | null = null;
  if (existsSync(link) || isSymlink(link)) {
    if (isSymlink(link)) previousTarget = readlinkSync(link);
    else {
      const moved = path.join('.packs', `${month}-moved-${Date.now()}`);
      renameSync(link, path.join(reportsDirectory, moved));
      previousTarget = moved;
    }
  }
  const temporaryLink = path.join(reportsDirectory, `.${month}.link-${process.pid}`);
  rmSync(temporaryLink, { force: true });
  symlinkSync(path.join('.packs', versionFolder), temporaryLink, 'dir');
  renameSync(temporaryLink, link);
  return previousTarget;
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Removes pack versions of this month that no link points to (earlier runs, and folders a crash left behind). */
function removeStaleVersions(reportsDirectory: string, month: string): void {
  const packs = path.join(reportsDirectory, '.packs');
  const current = isSymlink(path.join(reportsDirectory, month)) ? path.basename(readlinkSync(path.join(reportsDirectory, month))) : null;
  for (const name of readdirSync(packs)) {
    if (name.startsWith(`${month}-`) && name !== current) rmSync(path.join(packs, name), { recursive: true, force: true });
  }
}

export async function publishMonth(context: ReportContext, month: string, options: PublishOptions = {}): Promise<PublishSummary> {
  assertMonth(month);
  // One run at a time writes the data dir: a pack must not be cut while an ingest changes the month under it.
  const lock = await context.reportStore.acquireLock('data-dir', {
    command: `istv report --month ${month}`,
    waitSeconds: context.config.intake.lockWaitSeconds,
    now: context.now,
    onWait: (holder) => context.logger.info({ holder: describeOwner(holder) }, 'waiting for another run to release the data dir'),
  });
  try {
    return await publishMonthHoldingLock(context, month, options);
  } finally {
    lock.release();
  }
}

async function publishMonthHoldingLock(context: ReportContext, month: string, options: PublishOptions): Promise<PublishSummary> {
  // Checked under the lock, so the coverage the packs state is the coverage they were refused or allowed on.
  const coverage = storeCoverage(context);
  const refusal = publishRefusal(coverage, month, options.partial ?? 'allow');
  if (refusal) throw new PublishRefusal(refusal);
  const partial = coverage.of(month).kind === 'partial';
  if (partial) context.logger.warn({ month, missing: coverage.missing(month).map((site) => site.siteCode) }, 'publishing a partial month: the packs name the missing sites');
  const generatedAt = context.now().toISOString();
  const reportsDirectory = context.dataDir.reports;
  const monthLink = path.join(reportsDirectory, month);
  // The scheduled job and the CLI pass nothing: the configured gazetteer supplies boundaries and premises.
  const settings = reportConfig(context);
  const fromGazetteer = reportInputsFromGazetteer(context.config.gazetteer, settings.licensing);
  const boundaries = ((options.lsoaBoundaries as LsoaBoundaries | undefined) ?? fromGazetteer?.lsoaBoundaries) ?? null;
  const premises = options.premises ?? fromGazetteer?.premises ?? null;
  // The attribution stands on what was used: the gazetteer that placed the records, and boundaries given directly.
  const attribution = new AttributionBuilder(generatedAt.slice(0, 4));
  for (const source of fromGazetteer?.sources ?? gazetteerSources(context.config.gazetteer)) attribution.source(source);
  if (options.lsoaBoundaries) attribution.boundaries(options.lsoaBoundaries);
  const baseAttribution = attribution.build();
  let revised: string | null = null;
  if (options.revised) {
    const before = previousManifest(monthLink)?.generatedAt;
    revised = `this pack was produced on ${generatedAt.slice(0, 10)} from corrected or resubmitted data${before ? ` and replaces the pack produced on ${before.slice(0, 10)}` : ''}; figures may differ from the earlier edition.`;
  }
  const input: PackInput = {
    reads: context.reportStore.reads,
    month,
    areaName: context.config.areaName,
    area: boundaries ? areaFromBoundaries(boundaries) : [],
    boundaries,
    revised,
    generatedAt,
    licensing: { months: settings.licensing.months, nearMetres: settings.licensing.nearPremisesMetres, premises, hearingBundle: settings.licensing.hearingBundle, mapPlaces: fromGazetteer?.mapPlaces ?? [] },
    provenance: { gazetteer: fromGazetteer?.provenance ?? null, softwareVersion: packageVersion() },
    sites: context.config.sites,
    rateMinimumCount: policyFor(context, 'public-health').rateMinimumCount,
    policies: Object.fromEntries(AUDIENCES.map((audience) => [audience, policyFor(context, audience)])) as Record<Audience, DisclosurePolicy>,
    markings: markingsFor(context),
    policeRecordLevel: policyFor(context, 'police').method === 'none',
    licensingRecordLevel: policyFor(context, 'licensing').method === 'none',
    monthsReceived: coverage.completeMonths(),
    coverage,
    partialAllowed: partial,
  };

  // Alerts are worked out once, from the store, for every pack and for alerts.json.
  input.alerts = context.reportStore.monthAlerts({ month, area: input.area, monthsReceived: input.monthsReceived, premises: premises ?? input.reads.premisesFromStore() });
  for (const entry of alerting(input.alerts)) {
    if (entry.assessment.assessed) context.logger.warn({ month, scope: entry.scope, code: entry.code, expected: Number(entry.assessment.expected.toFixed(2)), threshold: Number(entry.assessment.threshold.toFixed(2)) }, `Alert: ${entry.scope} ${entry.code} is above what its past predicts`);
  }
  // Everything is worked out and checked before a byte is written.
  const audiences: Array<{ audience: string; files: PackFile[]; release: ProtectedRelease }> = [];
  // One snapshot of the store for every pack, so an ingest running alongside cannot make two packs disagree.
  context.reportStore.snapshot(() => {
    // police.uk data is shown (ED beside police) only in these packs, and only when months with both are held.
    const policeShown = input.reads.comparisonMonths(month, input.monthsReceived).length > 0;
    const withPolice = policeShown ? attribution.policeUk().build() : baseAttribution;
    for (const pack of PACKS) {
      const { tables, prepared } = pack.prepare(input);
      const policy = policyFor(context, pack.audience);
      // A protected release is checked beside the releases a reader already holds (linked-releases.ts).
      const published = policy.method === 'none' ? null : publishedReleases(reportsDirectory, month, pack, input, tables, policy, context.logger);
      const protectedRelease = protectAndAudit(tables, policy, pack.audience, month, published ?? []);
      const release = published === null ? protectedRelease : withAcrossReleases(protectedRelease, month, published);
      const packAttribution = POLICE_DATA_AUDIENCES.has(pack.audience) ? withPolice : baseAttribution;
      audiences.push({ audience: pack.audience, files: attributeFiles(pack.render(input, prepared, release), packAttribution, { title: (file) => `${pack.audience}: ${file.path}`, methodStatement: release.methodStatement }), release });
    }
    const publicHealth = audiences.find((entry) => entry.audience === 'public-health')!;
    const core = coreFiles(input, publicHealth.release);
    audiences.push({ audience: 'core', release: core.release, files: attributeFiles(core.files, baseAttribution, { title: (file) => file.path, methodStatement: core.release.methodStatement }) });
  });

  const packsDirectory = path.join(reportsDirectory, '.packs');
  mkdirSync(packsDirectory, { recursive: true });
  // Random suffix: two runs with the same clock (an injected one, say) must never share a folder, or one would delete the live pack.
  const versionFolder = `${month}-${generatedAt.replace(/[^0-9]/g, '').slice(0, 14)}-${randomBytes(6).toString('hex')}`;
  const staging = path.join(packsDirectory, versionFolder);
  mkdirSync(staging);

  let pdfs = 0;
  let pdfSkippedReason: string | null = null;
  const manifest: Array<{ path: string; sha256: string }> = [];
  try {
    for (const { audience, files } of audiences) {
      for (const file of files) {
        const relative = `${audience}/${file.path}`;
        writeFileIn(staging, relative, file.content);
        manifest.push({ path: relative, sha256: createHash('sha256').update(file.content).digest('hex') });
      }
    }
    const alertsFile = alertsJson(input.alerts, generatedAt);
    writeFileIn(staging, alertsFile.path, alertsFile.content);
    manifest.push({ path: alertsFile.path, sha256: createHash('sha256').update(alertsFile.content).digest('hex') });
    const toPrint = audiences.flatMap(({ audience, files }) => files.filter((file) => file.printToPdf).map((file) => `${audience}/${file.path}`));
    const pdfMode = options.pdf ?? 'if-available';
    if (pdfMode === 'skip') pdfSkippedReason = 'PDFs not requested';
    else if (!existsSync(CHROMIUM_PATH) && pdfMode === 'if-available') {
      pdfSkippedReason = `Chromium not found at ${CHROMIUM_PATH} (Debian package "chromium")`;
      context.logger.warn({ month }, `PDFs skipped: ${pdfSkippedReason}`);
    } else if (toPrint.length > 0) {
      const printer = await openPdfPrinter(staging);
      try {
        for (const relative of toPrint) {
          const htmlFile = path.join(staging, ...relative.split('/'));
          const pdfFile = htmlFile.replace(/\.html$/, '.pdf');
          await printer.print(htmlFile, pdfFile);
          manifest.push({ path: relative.replace(/\.html$/, '.pdf'), sha256: createHash('sha256').update(readFileSync(pdfFile)).digest('hex') });
          pdfs += 1;
        }
      } finally {
        await printer.close();
      }
    }
    writeFileIn(
      staging,
      'manifest.json',
      `${JSON.stringify({ month, generatedAt, revised: revised !== null, revisedNote: revised, coverage: { kind: coverage.of(month).kind, sites: coverage.of(month).sites.map((site) => ({ siteCode: site.siteCode, state: site.state, version: site.receipt?.version ?? null, receivedAt: site.receipt?.receivedAt ?? null, daysLate: site.daysLate, refusedFiles: site.refusals.map((refusal) => ({ file: refusal.fileName, reason: refusal.reason })) })) }, audiences: audiences.map(({ audience, release }) => ({ audience, methodStatement: release.methodStatement, tables: release.tables.map((table) => table.id) })), files: manifest }, null, 2)}\n`,
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  swapLink(reportsDirectory, month, versionFolder);
  removeStaleVersions(reportsDirectory, month);
  context.logger.info({ month, audiences: audiences.length, files: manifest.length, pdfs, revised: revised !== null }, 'Report packs published');
  return {
    month,
    directory: monthLink,
    generatedAt,
    revised: revised !== null,
    audiences: audiences.map(({ audience, files, release }) => ({
      audience,
      files: [...files.map((file) => `${audience}/${file.path}`), ...files.filter((file) => file.printToPdf && pdfs > 0).map((file) => `${audience}/${file.path.replace(/\.html$/, '.pdf')}`)],
      tables: release.tables.length,
      methodStatement: release.methodStatement,
    })),
    pdfs,
    pdfSkippedReason,
    missingSites: coverage.missing(month).map((site) => ({ siteCode: site.siteCode, siteName: site.siteName, state: site.state })),
  };
}
