/**
 * Ingests one claimed file: parse → validate → de-identify → geocode → store,
 * streaming row by row inside one store transaction. Every row read ends up
 * accepted or rejected with its reasons; the file ends up in archive/ (ingested
 * or duplicate) or quarantine/ (refused, with a reason file).
 */
import { statSync } from 'node:fs';
import type { SiteConfig } from '../config/sites.ts';
import type { Deidentifier } from '../deidentify/deidentify.ts';
import type { Geocoder, GeocodeResult } from '../geocode/types.ts';
import { archiveFile, quarantineFile } from '../intake/archive.ts';
import { sha256OfFile } from '../intake/checksum.ts';
import type { ClaimedFile } from '../intake/claim.ts';
import { ExtractWriter, findCurrentExtract, findExtractByChecksum, recordIntakeEvent } from '../store/extract-writer.ts';
import type { DataQuality } from '../validate/data-quality.ts';
import { londonDate } from '../validate/dates.ts';
import { mapHeader } from '../validate/header.ts';
import { CsvStructureError, detectCsvFormat, readCsvRecords } from '../validate/read-csv.ts';
import type { ExtractValidationOptions } from '../validate/validate-extract.ts';
import type { RowIssue } from '../validate/types.ts';
import { writeExtractQualityReport, type ExtractQualityReport } from '../report/extract-quality/write.ts';
import type { PipelineContext } from './context.ts';
import { periodFromFileName, siteFromFileName } from './file-name.ts';
import { prepareRows, type DeidentifierSetup, type RowPreparationOptions } from './prepare-rows.ts';
import { RowPreparationWorker } from './prepare-rows-in-worker.ts';

export type FileOutcome = 'ingested' | 'superseded' | 'duplicate' | 'quarantined';

export interface FileResult {
  file: string;
  outcome: FileOutcome;
  /** Why a file was quarantined, or which extract a duplicate repeats. */
  reason: string | null;
  siteCode: string | null;
  period: string | null;
  extractId: number | null;
  version: number | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** The extract this file replaced as current, for outcome "superseded". */
  supersededExtractId: number | null;
  /** True when the file was finished by a later run after a crash. */
  recovered?: boolean;
  quality?: DataQuality;
}

/** What the stages after validation need; built once per run. */
export interface IngestStages {
  deidentifier: Deidentifier;
  /** What `deidentifier` was built from, for a worker thread to build its own. */
  deidentifierSetup: DeidentifierSetup;
  geocoder: Geocoder;
}

class QuarantineSignal extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly details?: unknown,
    /** Rows read before the file was refused, when it was read to the end (every row rejected). */
    readonly counts?: { rowsRead: number; rowsRejected: number; quality: DataQuality },
  ) {
    super(reason);
  }
}

function emptyResult(file: string, outcome: FileOutcome, reason: string | null): FileResult {
  return { file, outcome, reason, siteCode: null, period: null, extractId: null, version: null, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, supersededExtractId: null };
}

function chooseSite(context: PipelineContext, fileName: string, headers: string[], firstRow: string[] | undefined): SiteConfig | null {
  const sites = context.config.sites;
  const byName = siteFromFileName(fileName, sites.map((s) => s.code));
  if (byName) return sites.find((s) => s.code === byName)!;
  // Read the first data row's site column with the built-in aliases.
  const plain = mapHeader(headers);
  if (plain.ok && firstRow) {
    const column = plain.mapping.columns.find((c) => c.target.kind === 'canonical' && c.target.field === 'site_code');
    const code = column ? firstRow[column.index]?.trim().toUpperCase() : undefined;
    const site = sites.find((s) => s.code === code);
    if (site) return site;
  }
  // A site's own mapping may be the only way to read the header at all.
  const understood = sites.filter((site) => mapHeader(headers, site).ok && Object.keys(site.columnMapping).length > 0);
  if (understood.length === 1) return understood[0]!;
  return sites.length === 1 ? sites[0]! : null;
}

function modalMonth(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [month, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && month < best)) {
      best = month;
      bestCount = count;
    }
  }
  return best;
}

/**
 * A file with a header and no rows is a nil return (the site saw no assault
 * attendances that month) when its name says which month, and it would not
 * replace an extract that has rows: an empty export must not wipe a month that
 * was sent. Throws the reason when it cannot be one.
 */
function assertNilReturn(context: PipelineContext, fileName: string, siteCode: string): void {
  const period = periodFromFileName(fileName);
  if (period === null) {
    throw new QuarantineSignal('The file has a header but no rows, and its name gives no month (SITE_YYYY-MM.csv), so it cannot be taken as a nil return.', null);
  }
  const current = findCurrentExtract(context.store, siteCode, period);
  if (current !== null && current.rowsAccepted > 0) {
    throw new QuarantineSignal(
      `The file has a header but no rows. As a nil return it would replace extract ${current.id} (${current.rowsAccepted} accepted rows) for ${siteCode} ${period} with none, and an empty export must not remove a month already sent; extract ${current.id} stays current. If ${period} really had no assault attendances, the hospital should confirm it.`,
      null,
    );
  }
}

async function readHeader(file: string) {
  const format = await detectCsvFormat(file);
  const records = readCsvRecords(file, format);
  const first = await records.next();
  if (first.done) throw new QuarantineSignal('The file is empty: no header and no rows.', null);
  const second = await records.next();
  await records.return(undefined);
  return { format, headers: first.value.fields, firstRow: second.done ? undefined : second.value.fields };
}

/** Maximum issues listed in a data-quality report (all are in the store). */
const SAMPLE_ISSUES = 200;

/** The first issues of a file, errors before warnings, as the store query orders them; bounded. */
class IssueSample {
  private readonly errors: RowIssue[] = [];
  private readonly warnings: RowIssue[] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  add(issue: RowIssue): void {
    this.count += 1;
    const list = issue.severity === 'error' ? this.errors : this.warnings;
    if (list.length < this.limit) list.push(issue);
  }

  issues(): ExtractQualityReport['sampleIssues'] {
    return [...this.errors, ...this.warnings].slice(0, this.limit).map(({ line, field, code, message, severity }) => ({ line, field, code, message, severity }));
  }
}

/**
 * Writes the extract's data-quality report from what the store holds, so that a
 * run finishing a file after a crash writes the same report as the run that
 * committed it would have.
 */
function writeQualityReport(context: PipelineContext, extractId: number): void {
  const store = context.store;
  const extract = store
    .prepare('SELECT site_code AS siteCode, period, file_name AS fileName, version, ingested_at AS ingestedAt, quality_json AS qualityJson FROM extracts WHERE id = ?')
    .get(extractId) as { siteCode: string; period: string; fileName: string; version: number; ingestedAt: string; qualityJson: string };
  const superseded = store.prepare('SELECT id FROM extracts WHERE superseded_by = ?').get(extractId) as { id: number } | undefined;
  const sampleIssues = store
    .prepare("SELECT line, field, code, message, severity FROM row_issues WHERE extract_id = ? ORDER BY severity = 'warning', line LIMIT ?")
    .all(extractId, SAMPLE_ISSUES) as Array<{ line: number; field: string | null; code: string; message: string; severity: string }>;
  const { issueCount } = store.prepare('SELECT COUNT(*) AS issueCount FROM row_issues WHERE extract_id = ?').get(extractId) as { issueCount: number };
  const site = context.config.sites.find((candidate) => candidate.code === extract.siteCode);
  const written = writeExtractQualityReport(context.dataDir.reports, {
    site: { code: extract.siteCode, name: site?.name ?? extract.siteCode },
    period: extract.period,
    file: extract.fileName,
    extractId,
    version: extract.version,
    ingestedAt: extract.ingestedAt,
    supersedes: superseded?.id ?? null,
    quality: JSON.parse(extract.qualityJson) as DataQuality,
    sampleIssues,
    issueCount,
  });
  context.logger.info({ extractId, report: written.html }, 'data-quality report written');
}

/**
 * Files at least this large are validated and de-identified on a worker thread,
 * overlapping with geocoding and storing; below it, starting a thread costs
 * more than it saves.
 */
export const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

export interface IngestFileOptions {
  /** The file was claimed by a run that crashed. */
  recovered?: boolean;
  /** Where validate and de-identify run: 'auto' (a worker thread for large files), or always or never on one. */
  validateOnWorker?: 'auto' | 'always' | 'never';
}

export async function ingestClaimedFile(context: PipelineContext, claimed: ClaimedFile, stages: IngestStages, options: IngestFileOptions = {}): Promise<FileResult> {
  const sizeBytes = statSync(claimed.path).size;
  const onWorker = options.validateOnWorker === 'always' || (options.validateOnWorker !== 'never' && sizeBytes >= WORKER_THRESHOLD_BYTES);
  // Started first, so that the thread loads its code while this one checksums the file and reads its header.
  const worker = onWorker ? new RowPreparationWorker() : null;
  try {
    return await ingestFile(context, claimed, stages, options, { sizeBytes, worker });
  } finally {
    await worker?.stop();
  }
}

async function ingestFile(
  context: PipelineContext,
  claimed: ClaimedFile,
  stages: IngestStages,
  options: IngestFileOptions,
  { sizeBytes, worker }: { sizeBytes: number; worker: RowPreparationWorker | null },
): Promise<FileResult> {
  const { logger, store } = context;
  const fileName = claimed.originalName;
  const sha256 = await sha256OfFile(claimed.path);
  const existing = findExtractByChecksum(store, sha256);
  if (existing) {
    const now = context.now();
    if (options.recovered) {
      // A crash between commit and archiving: the extract is in; the report and the move may not be.
      writeQualityReport(context, existing.id);
      archiveFile(context.dataDir, claimed, now);
      logger.info({ file: fileName, extractId: existing.id }, 'finished archiving a file ingested before a crash');
      return { ...emptyResult(fileName, 'ingested', null), extractId: existing.id, siteCode: existing.siteCode, period: existing.period, recovered: true };
    }
    recordIntakeEvent(store, { fileName, sha256, outcome: 'duplicate', reason: `same content as extract ${existing.id}`, extractId: existing.id, at: now.toISOString() });
    archiveFile(context.dataDir, claimed, now);
    logger.info({ file: fileName, extractId: existing.id }, 'duplicate file: already ingested, nothing changed');
    return { ...emptyResult(fileName, 'duplicate', `same content as extract ${existing.id} (${existing.siteCode} ${existing.period})`), extractId: existing.id, siteCode: existing.siteCode, period: existing.period };
  }

  let writer: ExtractWriter | null = null;
  // Known once the site is chosen; a refused file is then recorded against its site and month.
  let refusedSiteCode: string | null = siteFromFileName(fileName, context.config.sites.map((s) => s.code));
  try {
    const { format, headers, firstRow } = await readHeader(claimed.path);
    const site = chooseSite(context, fileName, headers, firstRow);
    if (site) refusedSiteCode = site.code;
    if (!site) {
      throw new QuarantineSignal(
        `Cannot tell which site sent this file: no site_code column with a configured code, and no configured site code (${context.config.sites.map((s) => s.code).join(', ')}) in the file name.`,
        1,
      );
    }
    const header = mapHeader(headers, site);
    if (!header.ok) throw new QuarantineSignal(`Line 1 (header): ${header.problem.message}`, 1, { missing: header.problem.missing, understood: header.problem.understood, unrecognised: header.problem.unrecognised });
    const mapping = header.mapping;

    const monthCounts = new Map<string, number>();
    const geocodeOutcomes: Record<string, number> = {};
    // Bounded; read only if the file ends up refused, when its issues never reach the store.
    const sample = new IssueSample(SAMPLE_ISSUES);
    const validation: ExtractValidationOptions = {
      file: claimed.path,
      fileName,
      format,
      mapping,
      headerWidth: headers.length,
      siteCode: site.code,
      schema: { sites: new Map(context.config.sites.map((s) => [s.code, s])), defaultSiteCode: site.code, today: londonDate(context.now()) },
    };
    const preparationOptions: RowPreparationOptions = { validation, columnsDropped: mapping.droppedColumns, identifierColumnsDropped: mapping.identifierColumns };
    const preparation = worker ? worker.start(preparationOptions, stages.deidentifierSetup) : prepareRows(preparationOptions, stages.deidentifier);
    writer = new ExtractWriter(store, { fileName, sha256, sizeBytes, receivedAt: claimed.receivedAt });
    const activeWriter = writer;
    const gazetteerVersion = stages.geocoder.gazetteerVersion;

    for await (const batch of preparation.batches) {
      for (const { issues, record } of batch) {
        for (const issue of issues) {
          activeWriter.addIssue(issue);
          sample.add(issue);
        }
        if (record === null) continue;
        const geocode: GeocodeResult = stages.geocoder.geocode({
          text: record.locationText,
          postcode: record.locationPostcode,
          siteCode: record.siteCode,
          isHome: record.locationIsHome || record.locationType === 'home',
        });
        geocodeOutcomes[geocode.outcome] = (geocodeOutcomes[geocode.outcome] ?? 0) + 1;
        activeWriter.addRecord(record, geocode, gazetteerVersion);
        const month = (record.arrival ?? record.assault).date.slice(0, 7);
        monthCounts.set(month, (monthCounts.get(month) ?? 0) + 1);
      }
    }

    const measures = preparation.quality();
    measures.geocodeOutcomes = geocodeOutcomes;
    // No rows at all is a nil return, or a quarantine with the reason it cannot be one.
    if (measures.rowsRead === 0) {
      assertNilReturn(context, fileName, site.code);
    } else if (measures.rowsAccepted === 0) {
      const reason = `None of the ${measures.rowsRead} rows could be accepted.`;
      // The hospital needs the row-by-row report most when every row was rejected.
      const written = writeExtractQualityReport(context.dataDir.reports, {
        site: { code: site.code, name: site.name },
        period: periodFromFileName(fileName) ?? 'undated',
        file: fileName,
        extractId: null,
        version: null,
        refusal: reason,
        ingestedAt: context.now().toISOString(),
        supersedes: null,
        quality: measures,
        sampleIssues: sample.issues(),
        issueCount: sample.count,
      });
      context.logger.info({ file: fileName, report: written.html }, 'data-quality report written for a refused file');
      throw new QuarantineSignal(reason, null, { rowsRead: measures.rowsRead, rejectsByReason: measures.rejectsByReason }, { rowsRead: measures.rowsRead, rowsRejected: measures.rowsRejected, quality: measures });
    }
    const period = periodFromFileName(fileName) ?? modalMonth(monthCounts)!;
    // Rows outside the reporting month are kept (they are real attendances) but the hospital should know.
    let outside = 0;
    for (const [month, count] of monthCounts) if (month !== period) outside += count;
    if (outside > 0) measures.issuesByCode.outside_reporting_period = outside;

    const committed = writer.commit({
      siteCode: site.code,
      period,
      rowsRead: measures.rowsRead,
      rowsAccepted: measures.rowsAccepted,
      rowsRejected: measures.rowsRejected,
      header: mapping.columns.map((c) => ({ sourceHeader: c.sourceHeader, target: c.target.kind === 'dropped' ? 'dropped' : c.target.kind === 'identifier' ? `identifier:${c.target.field}` : c.target.field })),
      quality: measures,
      gazetteerVersion: stages.geocoder.gazetteerVersion,
      ingestedAt: context.now().toISOString(),
    });
    writer = null;
    // The report before the move: a crash between them leaves the file in processing/, and the next run finishes both.
    writeQualityReport(context, committed.extractId);
    archiveFile(context.dataDir, claimed, context.now());
    const outcome: FileOutcome = committed.supersededExtractId === null ? 'ingested' : 'superseded';
    logger.info(
      { file: fileName, site: site.code, period, extractId: committed.extractId, version: committed.version, rowsRead: measures.rowsRead, rowsAccepted: measures.rowsAccepted, rowsRejected: measures.rowsRejected, outcome },
      outcome === 'superseded' ? `extract ingested; it supersedes extract ${committed.supersededExtractId}` : 'extract ingested',
    );
    return {
      file: fileName, outcome, reason: null, siteCode: site.code, period, extractId: committed.extractId, version: committed.version,
      rowsRead: measures.rowsRead, rowsAccepted: measures.rowsAccepted, rowsRejected: measures.rowsRejected,
      supersededExtractId: committed.supersededExtractId, quality: measures, ...(options.recovered ? { recovered: true } : {}),
    };
  } catch (error) {
    writer?.abort();
    const signal =
      error instanceof QuarantineSignal ? error
      : error instanceof CsvStructureError ? new QuarantineSignal(`Line ${error.line}: ${error.reason}. Nothing after this point can be read reliably, so no row of the file was stored.`, error.line)
      : null;
    if (!signal) throw error;
    const now = context.now();
    quarantineFile(context.dataDir, claimed, { reason: signal.reason, line: signal.line, details: signal.details }, now);
    recordIntakeEvent(store, { fileName, sha256, outcome: 'quarantined', reason: signal.reason, extractId: null, at: now.toISOString(), siteCode: refusedSiteCode, period: periodFromFileName(fileName) });
    logger.warn({ file: fileName, reason: signal.reason }, 'file quarantined');
    const result = emptyResult(fileName, 'quarantined', signal.reason);
    // A file refused because no row could be accepted was read: its counts still add up (read = rejected).
    return signal.counts ? { ...result, rowsRead: signal.counts.rowsRead, rowsRejected: signal.counts.rowsRejected, quality: signal.counts.quality } : result;
  }
}
