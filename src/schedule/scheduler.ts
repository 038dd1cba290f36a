/**
 * The scheduler: decides which jobs are due at "now" (the context's clock) from
 * the run state in the store, and runs them one at a time in a fixed order. It
 * is the one code path behind `istv run --once` (one cycle, then exit) and
 * `istv jobs` (a cycle at start, then one per cron tick).
 *
 * Due-ness is derived from the store, never from memory, so a cycle after
 * downtime catches up everything missed: the inbox is ingested first, then late
 * extracts are checked, then every month whose publication time has passed is
 * published oldest first (and any published month whose extracts have since
 * changed is republished as a revision), then the archive is purged.
 *
 * The steps are injected, so that tests can drive the scheduler with a
 * controlled clock without the whole pipeline.
 */
import { addMonths } from '../aggregate/months.ts';
import type { ScheduleConfig } from '../config/schedule.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { SlotCalendar, wallClock } from './calendar.ts';
import { owedExtracts, type ExpectingSite } from './late-extracts.ts';
import { currentExtractIds, recordLateExtracts, sitesOfExtracts } from '../store/extracts.ts';
import { listMonthPublications, owePublication, recordPublication, recordPublicationFailure, type MonthPublication, type PublicationReason } from '../store/publications.ts';
import { ensureJobState, readJobState, recordRunEnd, recordRunStart, type JobState, type StepSummary } from '../store/runs.ts';

/** In the order a cycle runs them. */
export const JOB_NAMES = ['poll-inbox', 'check-late-extracts', 'publish-packs', 'purge-archive'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface PublishOptions {
  /** True for every publication of a month after its first. */
  revised: boolean;
  /** 1 for the first publication, 2 for the first revision, ... */
  revision: number;
}

/**
 * The pipeline functions the jobs call; each returns counts for the log and the
 * run state. A `failed` count above zero marks the run failed (the step still
 * did everything else it could).
 */
export interface SchedulerSteps {
  /** Whether files wait to be ingested (in the inbox, or claimed by a run that crashed). */
  filesWaiting(context: PipelineContext): boolean;
  ingestInbox(context: PipelineContext): Promise<StepSummary>;
  publishMonth(context: PipelineContext, month: string, options: PublishOptions): Promise<StepSummary>;
  purgeArchive(context: PipelineContext): Promise<StepSummary>;
}

export interface JobDefinition {
  name: JobName;
  expression: string;
  enabled: boolean;
}

export function jobDefinitions(config: ScheduleConfig): JobDefinition[] {
  return [
    { name: 'poll-inbox', expression: config.pollInbox.cron, enabled: config.pollInbox.enabled },
    { name: 'check-late-extracts', expression: config.lateExtracts.cron, enabled: config.lateExtracts.enabled },
    { name: 'publish-packs', expression: config.publish.cron, enabled: config.publish.enabled },
    { name: 'purge-archive', expression: config.purgeArchive.cron, enabled: config.purgeArchive.enabled },
  ];
}

export interface JobOutcome {
  job: JobName;
  status: 'succeeded' | 'failed';
  durationMs: number;
  summary: StepSummary;
  error: string | null;
}

export interface CycleReport {
  /** What woke the cycle: a job's cron tick, the start of `istv jobs`, or `istv run --once`. */
  trigger: string;
  outcomes: JobOutcome[];
  /** True when a stop was requested and jobs were left for the next cycle. */
  stopped: boolean;
}

export interface SchedulerOptions {
  context: PipelineContext;
  steps: SchedulerSteps;
  config: ScheduleConfig;
  /** The sites expected to send an extract every month. */
  sites: ExpectingSite[];
}

/** The calendar month (YYYY-MM) `date` falls in, in `timezone`. */
export function monthIn(date: Date, timezone: string): string {
  const clock = wallClock(date, timezone);
  return `${clock.year}-${String(clock.month).padStart(2, '0')}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const sameIds = (a: number[] | null, b: number[]) => a !== null && a.length === b.length && a.every((id, index) => id === b[index]);

/** A month's publication still to be done, and why. */
interface PublicationWork {
  month: string;
  revision: number;
  reason: PublicationReason;
  extractIds: number[];
}

export class Scheduler {
  readonly definitions: JobDefinition[];
  private readonly context: PipelineContext;
  private readonly steps: SchedulerSteps;
  private readonly config: ScheduleConfig;
  private readonly sites: ExpectingSite[];
  private readonly calendars = new Map<JobName, SlotCalendar>();
  private running: Promise<CycleReport> | null = null;
  private runningJob: JobName | null = null;
  private stopRequested = false;

  constructor(options: SchedulerOptions) {
    this.context = options.context;
    this.steps = options.steps;
    this.config = options.config;
    this.sites = options.sites;
    this.definitions = jobDefinitions(options.config);
    for (const definition of this.definitions) {
      this.calendars.set(definition.name, new SlotCalendar(definition.expression, options.config.timezone));
    }
  }

  private calendar(job: JobName): SlotCalendar {
    return this.calendars.get(job)!;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Runs every due job unless a cycle is already running, in which case the tick
   * is skipped (and logged) and null returned: steps never overlap. Nothing is
   * lost by skipping, because the next cycle derives what is due from the store.
   */
  tick(trigger: string): Promise<CycleReport> | null {
    if (this.running) {
      this.context.logger.warn({ trigger, runningJob: this.runningJob }, 'tick skipped: a step is still running');
      return null;
    }
    if (this.stopRequested) return null;
    this.running = this.runCycle(trigger).finally(() => {
      this.running = null;
      this.runningJob = null;
    });
    return this.running;
  }

  /** Asks the cycle in hand to stop after the step it is running; later ticks do nothing. */
  requestStop(): void {
    this.stopRequested = true;
  }

  /** Resolves when no cycle is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  dispose(): void {
    for (const calendar of this.calendars.values()) calendar.dispose();
  }

  /**
   * Whether `job` would run in a cycle now (for status and tests). It only reads
   * the store: a job the scheduler has not seen yet is judged by the state its
   * first cycle would give it.
   */
  isDue(job: JobName): boolean {
    const now = this.context.now();
    const state = readJobState(this.context.store, job);
    if (state === null) {
      // New jobs are due at once, except publication, which is owed only from its first
      // slot on, or for the months the config asks to catch up (see ensureState).
      if (job !== 'publish-packs') return true;
      return this.monthsOwedAtFirstRun(now).length > 0 || this.publicationWork().length > 0;
    }
    if (state.nextDueAt.getTime() <= now.getTime()) return true;
    // Work waiting makes a job due between its slots: files dropped since the last
    // poll (so `istv run --once` from a timer always ingests them), and months owed
    // a publication or a revision.
    if (job === 'poll-inbox') return this.steps.filesWaiting(this.context);
    return job === 'publish-packs' && this.publicationWork().length > 0;
  }

  /**
   * Publication is owed only from the first slot after the scheduler first ran (or
   * from the configured first month): installing istv must not publish history.
   * These are the configured months a first run owes.
   */
  private monthsOwedAtFirstRun(now: Date): string[] {
    const from = this.config.publish.fromMonth;
    const latestSlot = this.calendar('publish-packs').latest(now);
    if (from === undefined || !latestSlot) return [];
    const lastOwed = addMonths(monthIn(latestSlot, this.config.timezone), -this.config.publish.monthsBack);
    const months: string[] = [];
    for (let month = from; month <= lastOwed; month = addMonths(month, 1)) months.push(month);
    return months;
  }

  /** The job's state, created (with the months a first run owes) the first time a cycle meets the job. */
  private ensureState(job: JobName, now: Date): JobState {
    const existing = readJobState(this.context.store, job);
    if (existing) return existing;
    if (job !== 'publish-packs') return ensureJobState(this.context.store, job, now, now);
    const state = ensureJobState(this.context.store, job, now, this.calendar(job).next(now));
    for (const month of this.monthsOwedAtFirstRun(now)) owePublication(this.context.store, month, now);
    return state;
  }

  private async runCycle(trigger: string): Promise<CycleReport> {
    const report: CycleReport = { trigger, outcomes: [], stopped: false };
    for (const definition of this.definitions) {
      if (!definition.enabled) continue;
      if (this.stopRequested) {
        report.stopped = true;
        break;
      }
      this.ensureState(definition.name, this.context.now());
      if (!this.isDue(definition.name)) continue;
      report.outcomes.push(await this.runJob(definition.name));
    }
    return report;
  }

  private async runJob(job: JobName): Promise<JobOutcome> {
    const { store, logger } = this.context;
    const log = logger.child({ job });
    const startedAt = this.context.now();
    const state = this.ensureState(job, startedAt);
    const slotAt = this.calendar(job).latest(startedAt);
    const runId = recordRunStart(store, job, slotAt, startedAt);
    this.runningJob = job;
    log.info({ slotAt: slotAt?.toISOString() ?? null, dueSince: state.nextDueAt.toISOString() }, 'job started');
    const wallStart = performance.now();
    let status: JobOutcome['status'] = 'succeeded';
    let summary: StepSummary = {};
    let error: string | null = null;
    try {
      const result = await this.runStep(job, state, startedAt, log);
      summary = result.summary;
      // By convention a step reports the files or months that failed as a `failed` count.
      const failedItems = typeof summary.failed === 'number' ? summary.failed : 0;
      if (result.failed || failedItems > 0) {
        status = 'failed';
        error = result.error ?? `${failedItems} item(s) failed; see the log`;
      }
    } catch (caught) {
      status = 'failed';
      error = errorMessage(caught);
    }
    const durationMs = Math.round(performance.now() - wallStart);
    const finishedAt = new Date(startedAt.getTime() + durationMs);
    recordRunEnd(store, {
      runId,
      job,
      status,
      startedAt,
      finishedAt,
      summary,
      error,
      slotAt,
      // A failed job is not retried at once: it waits for its next slot, like a succeeded one.
      nextDueAt: this.calendar(job).next(this.context.now()),
    });
    if (status === 'succeeded') log.info({ durationMs, ...summary }, 'job finished');
    else log.error({ durationMs, error, ...summary }, 'job failed');
    return { job, status, durationMs, summary, error };
  }

  private async runStep(
    job: JobName,
    state: JobState,
    now: Date,
    log: PipelineContext['logger'],
  ): Promise<{ summary: StepSummary; failed: boolean; error: string | null }> {
    switch (job) {
      case 'poll-inbox':
        return { summary: await this.steps.ingestInbox(this.context), failed: false, error: null };
      case 'purge-archive':
        return { summary: await this.steps.purgeArchive(this.context), failed: false, error: null };
      case 'check-late-extracts':
        return { summary: this.checkLateExtracts(now, log), failed: false, error: null };
      case 'publish-packs':
        return this.publishOwedMonths(state, now, log);
    }
  }

  private checkLateExtracts(now: Date, log: PipelineContext['logger']): StepSummary {
    const rules = { dueDay: this.config.lateExtracts.dueDay, expectFrom: this.config.lateExtracts.expectFrom };
    const owed = owedExtracts(this.context.store, this.sites, rules, now, this.config.timezone);
    const { newlyLate, arrived } = recordLateExtracts(this.context.store, owed.late, now);
    for (const entry of newlyLate) log.warn({ siteCode: entry.siteCode, period: entry.period, dueOn: entry.dueOn }, 'extract late');
    for (const entry of arrived) log.info({ siteCode: entry.siteCode, period: entry.period, dueOn: entry.dueOn }, 'late extract arrived');
    return { late: owed.late.length, awaited: owed.awaited.length, newlyLate: newlyLate.length, lateArrived: arrived.length };
  }

  /** Months owed a first publication, then published months whose extracts changed, oldest first. */
  private publicationWork(): PublicationWork[] {
    const { store } = this.context;
    const maxAttempts = this.config.publish.maxAttempts;
    const work: PublicationWork[] = [];
    for (const publication of listMonthPublications(store)) {
      if (publication.attempts >= maxAttempts) continue;
      const extractIds = currentExtractIds(store, publication.month);
      if (publication.state !== 'published') {
        work.push({ month: publication.month, revision: 1, reason: 'scheduled', extractIds });
      } else if (!sameIds(publication.extractIds, extractIds)) {
        work.push({ month: publication.month, revision: publication.revision + 1, reason: revisionReason(store, publication, extractIds), extractIds });
      }
    }
    return work;
  }

  private async publishOwedMonths(state: JobState, now: Date, log: PipelineContext['logger']) {
    const { store } = this.context;
    // Every slot since the job was last due owes the month before it (catch-up after downtime).
    const slots = this.calendar('publish-packs').between(new Date(state.nextDueAt.getTime() - 1), now);
    for (const slot of slots) {
      owePublication(store, addMonths(monthIn(slot, this.config.timezone), -this.config.publish.monthsBack), slot);
    }
    const summary = { slotsCaughtUp: slots.length, published: 0, revised: 0, failed: 0, stoppedEarly: false };
    const errors: string[] = [];
    for (const work of this.publicationWork()) {
      if (this.stopRequested) {
        summary.stoppedEarly = true;
        break;
      }
      const revised = work.revision > 1;
      const started = performance.now();
      try {
        const result = await this.steps.publishMonth(this.context, work.month, { revised, revision: work.revision });
        recordPublication(store, { month: work.month, revision: work.revision, reason: work.reason, publishedAt: this.context.now(), extractIds: work.extractIds, summary: result });
        if (revised) summary.revised++;
        else summary.published++;
        log.info({ month: work.month, revision: work.revision, reason: work.reason, durationMs: Math.round(performance.now() - started), ...result }, revised ? 'month republished as revised' : 'month published');
      } catch (caught) {
        // One month failing never stops the others; it is retried on later cycles.
        const message = errorMessage(caught);
        recordPublicationFailure(store, work.month, message);
        summary.failed++;
        errors.push(`${work.month}: ${message}`);
        log.error({ month: work.month, revision: work.revision, error: message }, 'month publication failed');
      }
    }
    return { summary, failed: summary.failed > 0, error: errors.length > 0 ? errors.join('; ') : null };
  }
}

/** A revision is for a late extract when a site now has an extract for the month that had none before. */
function revisionReason(store: PipelineContext['store'], publication: MonthPublication, extractIds: number[]): PublicationReason {
  const before = sitesOfExtracts(store, publication.extractIds ?? []);
  const after = sitesOfExtracts(store, extractIds);
  return [...after].some((site) => !before.has(site)) ? 'late-extract' : 'resubmission';
}
