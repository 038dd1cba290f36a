/**
 * Ingests one claimed file: parse → validate → de-identify → geocode → store,
 * streaming row by row inside one store transaction. Every row read ends up
 * accepted or rejected with its reasons; the file ends up in archive/ (ingested
 * or duplicate) or quarantine/ (refused, with a reason file), or, when it changed
 * after it was claimed, back in the inbox to be claimed again once complete.
 *
 * Each step that can refuse the file returns a Refusal (see refusal.ts); an
 * error thrown by whatever reads the rows is a refusal too, with its line. Only
 * an error of istv itself (the store, a bug) escapes, for the run to retry.
 */
import { storedLocationText, type Deidentifier } from '../deidentify/deidentify.ts';
import type { Geocoder, GeocodeResult } from '../geocode/types.ts';
import { archiveFile, quarantineFile } from '../intake/archive.ts';
import { sha256OfFile } from '../intake/checksum.ts';
import { returnToInbox, unchangedSinceClaim, type ClaimedFile } from '../intake/claim.ts';
import type { SniffResult } from '../intake/sniff.ts';
import { writeExtractQualityReport, type ExtractQualityReport } from '../report/extract-quality/write.ts';
import { extractReportInputs, repeatedAttendanceLookup } from '../store/extract-queries.ts';
import { ExtractWriter, findExtractByChecksum, recordIntakeEvent } from '../store/extract-writer.ts';
import type { DataQuality } from '../validate/data-quality.ts';
import { londonDate } from '../validate/dates.ts';
import { mapHeader } from '../validate/header.ts';
import { detectExtractFormat, readRecords } from '../validate/read-records.ts';
import type { RowIssue } from '../validate/types.ts';
import type { ExtractValidationOptions } from '../validate/validate-extract.ts';
import { chooseSite, isRefusal } from './choose-site.ts';
import type { PipelineContext } from './context.ts';
import { periodFromFileName, siteFromFileName } from './file-name.ts';
import { nilReturnRefusal } from './nil-return.ts';
import { extractPeriod, MonthCounter } from './period.ts';
import { prepareRows, type DeidentifierSetup, type RowPreparationOptions } from './prepare-rows.ts';
import { RowPreparationWorker } from './prepare-rows-in-worker.ts';
import { readerRefusal, refusal, type Refusal } from './refusal.ts';

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
  /** Something the hospital should check about an ingested file (its rows all outside the month its name gives). */
  flag?: string;
  quality?: DataQuality;
}

/** A file that changed after it was claimed: put back, to be claimed again when complete. */
export interface ChangedFile {
  file: string;
  outcome: 'changed';
  /** Where it is now: back in the inbox, or still in processing/ when the inbox has a file of its name. */
  returnedToInbox: boolean;
}

/** What the stages after validation need; built once per run. */
export interface IngestStages {
  deidentifier: Deidentifier;
  /** What `deidentifier` was built from, for a worker thread to build its own. */
  deidentifierSetup: DeidentifierSetup;
  geocoder: Geocoder;
}

function emptyResult(file: string, outcome: FileOutcome, reason: string | null): FileResult {
  return { file, outcome, reason, siteCode: null, period: null, extractId: null, version: null, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, supersededExtractId: null };
}

/** The header and the first data row, or why the file cannot be read that far. */
async function readHeader(file: string, kind: 'text' | 'xlsx', sheet: string | null) {
  try {
    const format = await detectExtractFormat(file, kind, sheet);
    const records = readRecords(file, format);
    const first = await records.next();
    if (first.done) return refusal('The file is empty: no header and no rows.');
    const second = await records.next();
    await records.return(undefined);
    return { format, headers: first.value.fields, firstRow: second.done ? undefined : second.value.fields };
  } catch (error) {
    return readerRefusal(error, kind);
  }
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
  const extract = extractReportInputs(context.store, extractId, SAMPLE_ISSUES);
  const site = context.config.sites.find((candidate) => candidate.code === extract.siteCode);
  const written = writeExtractQualityReport(context.dataDir.reports, {
    site: { code: extract.siteCode, name: site?.name ?? extract.siteCode },
    period: extract.period,
    file: extract.fileName,
    extractId,
    version: extract.version,
    ingestedAt: extract.ingestedAt,
    supersedes: extract.supersedes,
    quality: extract.quality as DataQuality,
    sampleIssues: extract.sampleIssues,
    issueCount: extract.issueCount,
  });
  context.logger.info({ extractId, report: written.html }, 'data-quality report written');
}

/**
 * Files at least this large are validated and de-identified on a worker thread,
 * overlapping with geocoding and storing; below it, starting a thread costs
 * more than it saves.
 */
export const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/** A file is refused when more than this share of its rows are attendances another current extract holds. */
export const REPEAT_SHARE_LIMIT = 0.5;

export interface IngestFileOptions {
  /** The file was claimed by a run that crashed. */
  recovered?: boolean;
  /** Where validate and de-identify run: 'auto' (a worker thread for large files), or always or never on one. */
  validateOnWorker?: 'auto' | 'always' | 'never';
  /** Aborted when the file's time is up: the work stops at the next row batch and the transaction is rolled back. */
  signal?: AbortSignal;
  /**
   * What the file's bytes are (intake/sniff.ts): delimited text or a workbook is
   * read; a refusal quarantines the file with its reason. Text when not given.
   */
  sniffed?: SniffResult;
}

export async function ingestClaimedFile(context: PipelineContext, claimed: ClaimedFile, stages: IngestStages, options: IngestFileOptions = {}): Promise<FileResult | ChangedFile> {
  const onWorker = options.validateOnWorker === 'always' || (options.validateOnWorker !== 'never' && claimed.sizeBytes >= WORKER_THRESHOLD_BYTES);
  // Started first, so that the thread loads its code while this one checksums the file and reads its header.
  const worker = onWorker ? new RowPreparationWorker() : null;
  const stopWorker = () => void worker?.stop();
  options.signal?.addEventListener('abort', stopWorker, { once: true });
  try {
    return await ingestFile(context, claimed, stages, options, worker);
  } finally {
    options.signal?.removeEventListener('abort', stopWorker);
    await worker?.stop();
  }
}

class Aborted extends Error {}

function checkNotAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Aborted('the file ran out of time');
}

/** Sends a refused file to quarantine/ and records why. */
/**
 * Sets a file aside with its reason. The refusal is recorded against the site
 * (the one chosen from the rows when known, else the one the file name gives)
 * and the month the file name gives, so that every pack names that site's
 * month as refused rather than reading it as a fall in violence.
 */
export function quarantine(context: PipelineContext, claimed: ClaimedFile, sha256: string | null, refused: Refusal, siteCode?: string): FileResult {
  const now = context.now();
  const fileName = claimed.originalName;
  quarantineFile(context.dataDir, claimed, { reason: refused.reason, line: refused.line, details: refused.details }, now);
  recordIntakeEvent(context.store, {
    fileName, sha256, outcome: 'quarantined', reason: refused.reason, extractId: null, at: now.toISOString(),
    siteCode: siteCode ?? siteFromFileName(fileName, context.config.sites.map((s) => s.code)),
    period: periodFromFileName(fileName),
  });
  context.logger.warn({ file: claimed.originalName, reason: refused.reason }, 'file quarantined');
  const result = emptyResult(claimed.originalName, 'quarantined', refused.reason);
  // A file refused because no row could be accepted was read: its counts still add up (read = rejected).
  return refused.counts ? { ...result, rowsRead: refused.counts.rowsRead, rowsRejected: refused.counts.rowsRejected, quality: refused.counts.quality } : result;
}

async function ingestFile(context: PipelineContext, claimed: ClaimedFile, stages: IngestStages, options: IngestFileOptions, worker: RowPreparationWorker | null): Promise<FileResult | ChangedFile> {
  const { logger, store } = context;
  const fileName = claimed.originalName;
  const { signal } = options;
  const sha256 = await sha256OfFile(claimed.path);
  checkNotAborted(signal);
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

  const sniffed = options.sniffed ?? { kind: 'text' };
  if (sniffed.kind === 'refused') return quarantine(context, claimed, sha256, refusal(`The file was not read: ${sniffed.reason}`));
  if (sniffed.kind === 'zip') {
    return quarantine(context, claimed, sha256, refusal('The file was not read: it is a ZIP archive inside an archive, which istv does not open. Put the extracts themselves in one archive.'));
  }
  // A workbook is read from the sheet its site names (when the file name tells the site), else its first sheet.
  const siteByName = context.config.sites.find((s) => s.code === siteFromFileName(fileName, context.config.sites.map((c) => c.code)));
  let header = await readHeader(claimed.path, sniffed.kind, siteByName?.sheet ?? null);
  checkNotAborted(signal);
  if ('reason' in header) return quarantine(context, claimed, sha256, header);
  const site = chooseSite(context.config.sites, fileName, header.headers, header.firstRow);
  if (isRefusal(site)) return quarantine(context, claimed, sha256, site);
  if (header.format.kind === 'xlsx' && site.sheet !== undefined && site.sheet !== header.format.sheet) {
    header = await readHeader(claimed.path, 'xlsx', site.sheet);
    checkNotAborted(signal);
    if ('reason' in header) return quarantine(context, claimed, sha256, header, site.code);
  }
  const mapped = mapHeader(header.headers, site);
  if (!mapped.ok) {
    const { message, ...details } = mapped.problem;
    return quarantine(context, claimed, sha256, refusal(`Line 1 (header): ${message}`, 1, details), site.code);
  }
  const mapping = mapped.mapping;

  const months = new MonthCounter();
  let coordinatesOutsideArea = 0;
  const geocodeOutcomes: Record<string, number> = {};
  // Bounded; read only if the file ends up refused, when its issues never reach the store.
  const sample = new IssueSample(SAMPLE_ISSUES);
  const validation: ExtractValidationOptions = {
    file: claimed.path,
    fileName,
    format: header.format,
    mapping,
    headerWidth: header.headers.length,
    siteCode: site.code,
    schema: { sites: new Map(context.config.sites.map((s) => [s.code, s])), defaultSiteCode: site.code, today: londonDate(context.now()) },
  };
  const preparationOptions: RowPreparationOptions = { validation, columnsDropped: mapping.droppedColumns, identifierColumnsDropped: mapping.identifierColumns };
  const writer = new ExtractWriter(store, { fileName, sha256, sizeBytes: claimed.sizeBytes, receivedAt: claimed.receivedAt });
  // Out of time: roll back at once, so that the store's write lock is free even if the reader never returns.
  const rollBack = () => writer.abort();
  signal?.addEventListener('abort', rollBack, { once: true });
  try {
    const preparation = worker ? worker.start(preparationOptions, stages.deidentifierSetup) : prepareRows(preparationOptions, stages.deidentifier);
    const gazetteerVersion = stages.geocoder.gazetteerVersion;
    const namedPeriod = periodFromFileName(fileName);
    const repeatOf = repeatedAttendanceLookup(store);
    let repeats = 0;
    const reject = (issue: RowIssue) => {
      writer.addIssue(issue);
      sample.add(issue);
    };

    try {
      for await (const batch of preparation.batches) {
        checkNotAborted(signal);
        for (const { issues, record, geocodeText } of batch) {
          for (const issue of issues) reject(issue);
          if (record === null) continue;
          const month = (record.arrival ?? record.assault).date.slice(0, 7);
          // The same attendance in another current extract (the month re-sent under another month's name) would be counted twice.
          const repeated = record.attendanceKey === null ? null : repeatOf(record.attendanceKey, record.siteCode, namedPeriod ?? month);
          if (repeated) {
            repeats += 1;
            reject({
              file: fileName, line: record.line, field: 'attendance_id', code: 'repeat_of_other_extract', severity: 'error',
              message: `this attendance is already in extract ${repeated.extractId} (${site.code} ${repeated.period}), which stays current; a row is counted in one extract only`,
            });
            continue;
          }
          // The geocoder reads the text as sent, in memory; what is stored is the allow-listed text.
          const geocode: GeocodeResult = stages.geocoder.geocode({
            text: geocodeText,
            postcode: record.locationPostcode,
            siteCode: record.siteCode,
            isHome: record.locationIsHome || record.locationType === 'home',
            point: record.locationPoint,
          });
          geocodeOutcomes[geocode.outcome] = (geocodeOutcomes[geocode.outcome] ?? 0) + 1;
          if (record.locationPoint !== null && geocode.outcome !== 'coordinates') {
            // Inside the UK but outside the area: the text was geocoded instead, and the hospital should know.
            coordinatesOutsideArea += 1;
            const note = { file: fileName, line: record.line, field: 'location_latitude', code: 'coordinates_outside_area', message: 'the place-of-injury coordinates are outside the area; the location text was geocoded instead', severity: 'warning' } as const;
            writer.addIssue(note);
            sample.add(note);
          }
          const locationText = storedLocationText(record, geocode.outcome === 'home');
          writer.addRecord(locationText === record.locationText ? record : { ...record, locationText }, geocode, gazetteerVersion);
          months.add(month);
        }
      }
    } catch (error) {
      if (error instanceof Aborted) throw error;
      checkNotAborted(signal);
      // Whatever read the rows failed: the file is refused with the line, and the rest of the queue goes on.
      writer.abort();
      return quarantine(context, claimed, sha256, readerRefusal(error, sniffed.kind), site.code);
    }
    checkNotAborted(signal);

    const measures = preparation.quality();
    measures.geocodeOutcomes = geocodeOutcomes;
    if (repeats > 0) {
      measures.rowsAccepted -= repeats;
      measures.rowsRejected += repeats;
      measures.rejectsByReason.repeat_of_other_extract = (measures.rejectsByReason.repeat_of_other_extract ?? 0) + repeats;
      measures.issuesByCode.repeat_of_other_extract = (measures.issuesByCode.repeat_of_other_extract ?? 0) + repeats;
    }
    const refused = wholeFileRefusal(context, fileName, site, measures, repeats, sample);
    if (refused) {
      writer.abort();
      return quarantine(context, claimed, sha256, refused, site.code);
    }
    const period = extractPeriod(fileName, months) ?? { period: namedPeriod!, outside: 0, flag: null };
    if (period.outside > 0) measures.issuesByCode.outside_reporting_period = period.outside;
    if (coordinatesOutsideArea > 0) measures.issuesByCode.coordinates_outside_area = coordinatesOutsideArea;

    // The bytes read must be the bytes hashed: a writer still holding the file open may have added to it since the claim.
    const unchanged = unchangedSinceClaim(claimed) && (await sha256OfFile(claimed.path)) === sha256;
    checkNotAborted(signal);
    if (!unchanged) {
      writer.abort();
      const returnedToInbox = returnToInbox(context.dataDir, claimed);
      logger.warn({ file: fileName, returnedToInbox }, 'the file changed while it was read: not stored; it is claimed again once it stops changing');
      return { file: fileName, outcome: 'changed', returnedToInbox };
    }
    checkNotAborted(signal);

    const committed = writer.commit({
      siteCode: site.code,
      period: period.period,
      rowsRead: measures.rowsRead,
      rowsAccepted: measures.rowsAccepted,
      rowsRejected: measures.rowsRejected,
      header: mapping.columns.map((c) => ({ sourceHeader: c.sourceHeader, target: c.target.kind === 'dropped' ? 'dropped' : c.target.kind === 'identifier' ? `identifier:${c.target.field}` : c.target.field })),
      quality: measures,
      gazetteerVersion: stages.geocoder.gazetteerVersion,
      ingestedAt: context.now().toISOString(),
    });
    // The report before the move: a crash between them leaves the file in processing/, and the next run finishes both.
    writeQualityReport(context, committed.extractId);
    archiveFile(context.dataDir, claimed, context.now());
    const outcome: FileOutcome = committed.supersededExtractId === null ? 'ingested' : 'superseded';
    if (period.flag) logger.warn({ file: fileName, site: site.code, extractId: committed.extractId }, period.flag);
    logger.info(
      { file: fileName, site: site.code, period: period.period, extractId: committed.extractId, version: committed.version, rowsRead: measures.rowsRead, rowsAccepted: measures.rowsAccepted, rowsRejected: measures.rowsRejected, outcome },
      outcome === 'superseded' ? `extract ingested; it supersedes extract ${committed.supersededExtractId}` : 'extract ingested',
    );
    return {
      file: fileName, outcome, reason: null, siteCode: site.code, period: period.period, extractId: committed.extractId, version: committed.version,
      rowsRead: measures.rowsRead, rowsAccepted: measures.rowsAccepted, rowsRejected: measures.rowsRejected,
      supersededExtractId: committed.supersededExtractId, quality: measures, ...(period.flag ? { flag: period.flag } : {}), ...(options.recovered ? { recovered: true } : {}),
    };
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    signal?.removeEventListener('abort', rollBack);
  }
}

/**
 * Why the file as a whole cannot stand, once read: no rows and not a nil
 * return; no row accepted; or mostly attendances another extract holds.
 */
function wholeFileRefusal(context: PipelineContext, fileName: string, site: { code: string; name: string }, measures: DataQuality, repeats: number, sample: IssueSample): Refusal | null {
  if (measures.rowsRead === 0) return nilReturnRefusal(context.store, fileName, site.code);
  let reason: string | null = null;
  if (measures.rowsAccepted === 0 && repeats === 0) reason = `None of the ${measures.rowsRead} rows could be accepted.`;
  else if (repeats > REPEAT_SHARE_LIMIT * measures.rowsRead) {
    reason = `${repeats} of the ${measures.rowsRead} rows are attendances already in another current extract of ${site.code}: this looks like an extract sent again under another month's name. Nothing was stored; the other extracts stay current.`;
  }
  if (reason === null) return null;
  // The hospital needs the row-by-row report most when the file is refused.
  const written = writeExtractQualityReport(context.dataDir.reports, {
    site,
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
  return {
    reason,
    line: null,
    details: { rowsRead: measures.rowsRead, rejectsByReason: measures.rejectsByReason },
    counts: { rowsRead: measures.rowsRead, rowsRejected: measures.rowsRejected, quality: measures },
  };
}
