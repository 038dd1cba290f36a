/**
 * What `istv status` shows of the scheduler: each job's last run and next due
 * time, which sites' extracts are late or still awaited, late arrivals, and the
 * publication state of each month. Reads only; safe while a scheduler runs.
 */
import type { ScheduleConfig } from '../config/schedule.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { SlotCalendar } from './calendar.ts';
import { listLateArrivals, type LateArrival } from '../store/extracts.ts';
import { owedExtracts, type OwedExtract } from './late-extracts.ts';
import { inspectSchedulerLock, schedulerLockPath, type LockHolder } from './lock.ts';
import { listMonthPublications, listPublicationHistory, type PublicationHistoryEntry } from '../store/publications.ts';
import { readJobState, type StepSummary } from '../store/runs.ts';
import { jobDefinitions, type JobName } from './scheduler.ts';

export interface JobStatus {
  job: JobName;
  enabled: boolean;
  cron: string;
  lastRun: { startedAt: Date; finishedAt: Date | null; status: 'succeeded' | 'failed' | null; durationMs: number | null; summary: StepSummary | null } | null;
  /** When the job next runs: null when disabled. A job that never ran is due at the scheduler's next start. */
  nextDueAt: Date | null;
}

export interface MonthPublicationStatus {
  month: string;
  state: 'pending' | 'published' | 'failed';
  /** 0 before the first publication. */
  revision: number;
  revised: boolean;
  publishedAt: Date | null;
  attempts: number;
  lastError: string | null;
  history: PublicationHistoryEntry[];
}

export interface ScheduleStatus {
  timezone: string;
  /** The scheduler holding this data dir's lock, if one is running. */
  scheduler: { running: boolean; holder: LockHolder | null; staleBecause: string | null };
  jobs: JobStatus[];
  /** Site-months past their due day with no extract; each stays here until its extract arrives. */
  lateExtracts: OwedExtract[];
  /** Site-months of complete months whose due day has not passed yet. */
  awaitedExtracts: OwedExtract[];
  lateArrivals: LateArrival[];
  publications: MonthPublicationStatus[];
}

/** `config` defaults to the schedule section of the context's config. */
export function scheduleStatus(context: PipelineContext, config: ScheduleConfig = context.config.schedule): ScheduleStatus {
  const { store } = context;
  const now = context.now();
  const jobs = jobDefinitions(config).map((definition): JobStatus => {
    const state = readJobState(store, definition.name);
    let nextDueAt: Date | null = null;
    if (definition.enabled) {
      const calendar = new SlotCalendar(definition.expression, config.timezone);
      nextDueAt = state ? state.nextDueAt : definition.name === 'publish-packs' ? calendar.next(now) : now;
      calendar.dispose();
    }
    const lastRun =
      state?.lastStartedAt != null
        ? { startedAt: state.lastStartedAt, finishedAt: state.lastFinishedAt, status: state.lastStatus, durationMs: state.lastDurationMs, summary: state.lastSummary }
        : null;
    return { job: definition.name, enabled: definition.enabled, cron: definition.expression, lastRun, nextDueAt };
  });
  const sites = context.config.sites.map((site) => ({ code: site.code, extractDueDay: site.extractDueDay }));
  const owed = owedExtracts(store, sites, { dueDay: config.lateExtracts.dueDay, expectFrom: config.lateExtracts.expectFrom }, now, config.timezone);
  const history = listPublicationHistory(store);
  const publications = listMonthPublications(store).map((publication) => ({
    month: publication.month,
    state: publication.state,
    revision: publication.revision,
    revised: publication.revision > 1,
    publishedAt: publication.publishedAt,
    attempts: publication.attempts,
    lastError: publication.lastError,
    history: history.filter((entry) => entry.month === publication.month),
  }));
  const lock = inspectSchedulerLock(schedulerLockPath(context.dataDir.root));
  return {
    timezone: config.timezone,
    scheduler: { running: lock !== null && lock.holder !== null && lock.staleBecause === null, holder: lock?.holder ?? null, staleBecause: lock?.staleBecause ?? null },
    jobs,
    lateExtracts: owed.late,
    awaitedExtracts: owed.awaited,
    lateArrivals: listLateArrivals(store),
    publications,
  };
}

const when = (date: Date | null) => (date === null ? '–' : date.toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** The schedule part of `istv status`, as lines of text. */
export function formatScheduleStatus(status: ScheduleStatus): string[] {
  const lines: string[] = [];
  const holder = status.scheduler.holder;
  if (status.scheduler.running && holder) lines.push(`Scheduler: running (pid ${holder.pid} on ${holder.host} since ${holder.startedAt})`);
  else if (holder && status.scheduler.staleBecause) lines.push(`Scheduler: not running (stale lock: ${status.scheduler.staleBecause}; the next start takes it over)`);
  else lines.push('Scheduler: not running');
  lines.push('', `Jobs (${status.timezone}):`, '  job                  cron            last run              status     next due');
  for (const job of status.jobs) {
    const lastRun = job.lastRun ? when(job.lastRun.startedAt) : 'never';
    const lastStatus = job.enabled ? (job.lastRun?.status ?? '–') : 'disabled';
    lines.push(`  ${job.job.padEnd(20)} ${job.cron.padEnd(15)} ${lastRun.padEnd(21)} ${lastStatus.padEnd(10)} ${when(job.nextDueAt)}`);
  }
  if (status.lateExtracts.length > 0) {
    lines.push('', 'Late extracts (still missing after their due day):');
    for (const late of status.lateExtracts) lines.push(`  ${late.siteCode.padEnd(12)} ${late.period}  due ${late.dueOn}, ${late.daysLate} day(s) late`);
  }
  if (status.awaitedExtracts.length > 0) {
    lines.push('', 'Awaited extracts (not yet due):');
    for (const awaited of status.awaitedExtracts) lines.push(`  ${awaited.siteCode.padEnd(12)} ${awaited.period}  due ${awaited.dueOn}`);
  }
  if (status.lateArrivals.length > 0) {
    lines.push('', 'Late arrivals:');
    for (const arrival of status.lateArrivals) lines.push(`  ${arrival.siteCode.padEnd(12)} ${arrival.period}  due ${arrival.dueOn}, arrived ${when(arrival.arrivedAt)}`);
  }
  if (status.publications.length > 0) {
    lines.push('', 'Publications:');
    for (const publication of status.publications) {
      const edition = publication.revision === 0 ? '' : publication.revised ? ` revision ${publication.revision} (revised)` : ' first edition';
      const failure = publication.lastError ? `; last attempt failed (${publication.attempts} attempt(s)): ${publication.lastError}` : '';
      lines.push(`  ${publication.month}  ${publication.state}${edition}${publication.publishedAt ? ` ${when(publication.publishedAt)}` : ''}${failure}`);
    }
  }
  return lines;
}
