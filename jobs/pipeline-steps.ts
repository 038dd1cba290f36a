/**
 * The real pipeline behind the scheduled jobs: the same functions `istv ingest`
 * and `istv report` call. Each step's result is boiled down to counts for the
 * log and the run state; a `failed` count above zero marks the job's run failed
 * (the other files or months still ran).
 */
import { purgeArchiveFolder, purgeProcessingDebris, purgeQuarantineFolder } from '../src/intake/archive.ts';
import { listAbandonedClaims, listInbox } from '../src/intake/claim.ts';
import { ingestInbox } from '../src/pipeline/ingest.ts';
import { publicationCounts, publishMonth, type PublishOptions } from '../src/report/publish.ts';
import type { SchedulerSteps } from '../src/schedule/scheduler.ts';

export interface PipelineStepOptions {
  /** PDFs of the packs: as `istv report` (default `if-available`); tests skip them, since printing dominates their time. */
  pdf?: PublishOptions['pdf'];
}

export function createPipelineSteps(options: PipelineStepOptions = {}): SchedulerSteps {
  return {
    filesWaiting(context) {
      try {
        return listInbox(context.dataDir).length > 0 || listAbandonedClaims(context.dataDir).length > 0;
      } catch {
        // A file moved while being listed (a manual `istv ingest` claiming it): let the ingest look.
        return true;
      }
    },

    async ingestInbox(context) {
      const summary = await ingestInbox(context);
      const count = (outcome: string) => summary.files.filter((file) => file.outcome === outcome).length;
      return {
        files: summary.totals.files,
        ingested: count('ingested'),
        superseded: count('superseded'),
        duplicates: summary.totals.duplicates,
        quarantined: summary.totals.quarantined,
        failed: summary.failed.length,
        rowsRead: summary.totals.rowsRead,
        rowsAccepted: summary.totals.rowsAccepted,
        rowsRejected: summary.totals.rowsRejected,
      };
    },

    async publishMonth(context, month, { revised }) {
      return publicationCounts(await publishMonth(context, month, { revised, ...(options.pdf ? { pdf: options.pdf } : {}) }));
    },

    async purgeArchive(context) {
      // Quarantined files and processing/ debris hold raw identifiers as archived extracts do: the same retention.
      const days = context.config.deidentify.archiveRetentionDays;
      const archive = purgeArchiveFolder(context.dataDir, days, context.now());
      const quarantined = purgeQuarantineFolder(context.dataDir, days, context.now());
      const debris = purgeProcessingDebris(context.dataDir, days, context.now());
      return {
        ...archive,
        purgedFiles: archive.purgedFiles + quarantined.purgedFiles + debris.purgedFiles,
        purgedBytes: archive.purgedBytes + quarantined.purgedBytes + debris.purgedBytes,
        quarantinePurged: quarantined.purgedFiles,
      };
    },
  };
}

export const pipelineSteps = createPipelineSteps();
