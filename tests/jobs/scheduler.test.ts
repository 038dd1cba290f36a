import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { closePipelineContext, openPipelineContext } from '../../src/pipeline/context.ts';
import { listMonthPublications, listPublicationHistory } from '../../src/store/publications.ts';
import { readJobState } from '../../src/store/runs.ts';
import { Scheduler, type CycleReport } from '../../src/schedule/scheduler.ts';
import { formatScheduleStatus, scheduleStatus } from '../../src/schedule/status.ts';
import { insertExtract, openTestDataDir, recordingSteps, scheduleConfig, SITES, type RecordingSteps, type TestDataDir } from './helpers.ts';

const sites = SITES.map((site) => ({ code: site.code }));
let dataDir: TestDataDir | null = null;

afterEach(() => {
  dataDir?.close();
  dataDir = null;
});

function setUp(startIso: string, section: unknown = {}) {
  dataDir = openTestDataDir(startIso);
  const steps = recordingSteps(dataDir.clock);
  const scheduler = new Scheduler({ context: dataDir.context, steps, config: scheduleConfig(section), sites });
  return { dir: dataDir, steps, scheduler };
}

async function cycle(scheduler: Scheduler): Promise<CycleReport> {
  const report = await scheduler.tick('test');
  if (!report) throw new Error('the cycle was skipped');
  return report;
}

const describeCalls = (steps: RecordingSteps) =>
  steps.calls.map((call) => (call.step === 'publish' ? `publish ${call.month} r${call.options?.revision}` : call.step));

describe('catch-up after downtime', () => {
  it('publishes every missed month oldest first, after ingesting what arrived meanwhile', async () => {
    const { dir, steps, scheduler } = setUp('2026-07-01T09:00:00Z');
    await cycle(scheduler);
    // A first start polls, checks and purges at once, but owes no publication yet.
    expect(describeCalls(steps)).toEqual(['ingest', 'purge']);

    // Down from 1 July to 15 September: the 10 July, 10 August and 10 September slots were missed.
    steps.calls.length = 0;
    steps.dropExtract('RAPNM', '2026-08');
    dir.clock.set('2026-09-15T12:00:00Z');
    const report = await cycle(scheduler);
    expect(describeCalls(steps)).toEqual(['ingest', 'publish 2026-06 r1', 'publish 2026-07 r1', 'publish 2026-08 r1', 'purge']);
    expect(report.outcomes.map((outcome) => `${outcome.job} ${outcome.status}`)).toEqual([
      'poll-inbox succeeded',
      'check-late-extracts succeeded',
      'publish-packs succeeded',
      'purge-archive succeeded',
    ]);
    expect(report.outcomes.find((outcome) => outcome.job === 'publish-packs')?.summary).toMatchObject({ slotsCaughtUp: 3, published: 3, revised: 0, failed: 0 });
    expect(listMonthPublications(dir.context.store).map((publication) => [publication.month, publication.state, publication.dueAt.toISOString()])).toEqual([
      ['2026-06', 'published', '2026-07-10T05:00:00.000Z'],
      ['2026-07', 'published', '2026-08-10T05:00:00.000Z'],
      ['2026-08', 'published', '2026-09-10T05:00:00.000Z'],
    ]);

    // Caught up: the same moment owes nothing more, and the next publication is 06:00 London on 10 October (still BST).
    steps.calls.length = 0;
    expect((await cycle(scheduler)).outcomes).toEqual([]);
    expect(steps.calls).toEqual([]);
    expect(readJobState(dir.context.store, 'publish-packs')?.nextDueAt.toISOString()).toBe('2026-10-10T05:00:00.000Z');
    expect(readJobState(dir.context.store, 'poll-inbox')?.nextDueAt.toISOString()).toBe('2026-09-15T12:15:00.000Z');
  });

  it('remembers what it did across a restart: a new scheduler on the same store owes nothing', async () => {
    const { dir, steps, scheduler } = setUp('2026-09-15T12:00:00Z', { publish: { fromMonth: '2026-07' } });
    await cycle(scheduler);
    expect(describeCalls(steps)).toEqual(['ingest', 'publish 2026-07 r1', 'publish 2026-08 r1', 'purge']);
    scheduler.dispose();
    const config = parseConfig({ dataDir: 'data', sites: SITES }, dir.root, null);
    const reopened = openPipelineContext(config, { quiet: true, now: () => dir.clock.now });
    try {
      const restarted = new Scheduler({ context: reopened, steps, config: scheduleConfig({ publish: { fromMonth: '2026-07' } }), sites });
      expect(restarted.definitions.map((job) => restarted.isDue(job.name))).toEqual([false, false, false, false]);
      dir.clock.set('2026-09-15T12:15:00Z');
      expect(restarted.isDue('poll-inbox')).toBe(true);
      restarted.dispose();
    } finally {
      closePipelineContext(reopened);
    }
  });

  it('publishes from the configured first month on the first start', async () => {
    const { steps, scheduler } = setUp('2026-09-09T12:00:00Z', { publish: { fromMonth: '2026-06' } });
    await cycle(scheduler);
    // The 10 September slot has not come yet, so July is the last month owed.
    expect(describeCalls(steps)).toEqual(['ingest', 'publish 2026-06 r1', 'publish 2026-07 r1', 'purge']);
  });
});

describe('isDue', () => {
  it.each([
    ['a new store', {}, [true, true, false, true]],
    ['a new store with months to catch up', { publish: { fromMonth: '2026-06' } }, [true, true, true, true]],
  ])('answers on %s and writes nothing to it', (_case, section, expected) => {
    const { dir, scheduler } = setUp('2026-09-15T12:00:00Z', section);
    const tables = () => ['job_state', 'job_runs', 'month_publications', 'publication_history', 'late_extracts'].map((table) => dir.context.store.prepare(`SELECT * FROM ${table}`).all());
    const before = tables();
    expect(scheduler.definitions.map((job) => scheduler.isDue(job.name))).toEqual(expected);
    expect(tables()).toEqual(before);
    scheduler.dispose();
  });
});

describe('files waiting', () => {
  it('make the inbox poll due between its slots, so that a run from a timer ingests them at once', async () => {
    const { dir, steps, scheduler } = setUp('2026-07-01T09:00:00Z');
    await cycle(scheduler);
    steps.calls.length = 0;
    dir.clock.set('2026-07-01T09:05:00Z');
    expect(scheduler.isDue('poll-inbox')).toBe(false);
    steps.dropExtract('RAPNM', '2026-06');
    expect(scheduler.isDue('poll-inbox')).toBe(true);
    await cycle(scheduler);
    expect(describeCalls(steps)).toEqual(['ingest']);
    // The poll's own slot is unchanged by a run between slots.
    expect(readJobState(dir.context.store, 'poll-inbox')?.nextDueAt.toISOString()).toBe('2026-07-01T09:15:00.000Z');
  });
});

describe('one month failing', () => {
  it('never stops the other months, and is retried on the next cycle', async () => {
    const { dir, steps, scheduler } = setUp('2026-07-01T09:00:00Z', { purgeArchive: { enabled: false } });
    await cycle(scheduler);
    steps.failingMonths.add('2026-07');
    dir.clock.set('2026-09-15T12:00:00Z');
    const report = await cycle(scheduler);
    const publish = report.outcomes.find((outcome) => outcome.job === 'publish-packs')!;
    expect(publish.status).toBe('failed');
    expect(publish.summary).toMatchObject({ published: 2, failed: 1 });
    expect(publish.error).toContain('2026-07: Error: Cannot publish 2026-07');
    expect(listMonthPublications(dir.context.store).map((publication) => `${publication.month} ${publication.state} ${publication.attempts}`)).toEqual([
      '2026-06 published 0',
      '2026-07 failed 1',
      '2026-08 published 0',
    ]);

    steps.calls.length = 0;
    steps.failingMonths.clear();
    dir.clock.set('2026-09-15T12:15:00Z');
    await cycle(scheduler);
    expect(describeCalls(steps)).toEqual(['ingest', 'publish 2026-07 r1']);
    expect(listMonthPublications(dir.context.store).every((publication) => publication.state === 'published')).toBe(true);
  });

  it('gives up after the configured attempts and says why in the status', async () => {
    const { dir, steps, scheduler } = setUp('2026-07-01T09:00:00Z', { publish: { maxAttempts: 2 } });
    await cycle(scheduler);
    steps.failingMonths.add('2026-06');
    for (const time of ['2026-07-10T05:00:00Z', '2026-07-10T05:15:00Z', '2026-07-10T05:30:00Z', '2026-07-10T05:45:00Z']) {
      dir.clock.set(time);
      await cycle(scheduler);
    }
    expect(steps.calls.filter((call) => call.step === 'publish')).toHaveLength(2);
    const status = scheduleStatus(dir.context);
    expect(status.publications).toMatchObject([{ month: '2026-06', state: 'failed', attempts: 2, lastError: 'Error: Cannot publish 2026-06: the renderer failed' }]);
  });
});

describe('late extracts', () => {
  it('lists a site with no extract by the due day as late until it arrives, then republishes the month as revised', async () => {
    const { dir, steps, scheduler } = setUp('2026-08-01T09:00:00Z');
    steps.dropExtract('RAPNM', '2026-07');
    await cycle(scheduler);
    expect(scheduleStatus(dir.context).awaitedExtracts).toEqual([{ siteCode: 'RF4QH', period: '2026-07', dueOn: '2026-08-05', daysLate: 0 }]);

    dir.clock.set('2026-08-10T05:00:00Z');
    await cycle(scheduler);
    let status = scheduleStatus(dir.context);
    expect(status.lateExtracts).toEqual([{ siteCode: 'RF4QH', period: '2026-07', dueOn: '2026-08-05', daysLate: 5 }]);
    expect(status.publications).toMatchObject([{ month: '2026-07', state: 'published', revision: 1, revised: false }]);
    const lateLines = dir.logLines().filter((line) => line.msg === 'extract late');
    expect(lateLines).toMatchObject([{ job: 'check-late-extracts', siteCode: 'RF4QH', period: '2026-07', level: 40 }]);

    // Still late a week on, and noticed only once.
    dir.clock.set('2026-08-17T05:00:00Z');
    await cycle(scheduler);
    expect(scheduleStatus(dir.context).lateExtracts).toMatchObject([{ siteCode: 'RF4QH', period: '2026-07', daysLate: 12 }]);
    expect(dir.logLines().filter((line) => line.msg === 'extract late')).toHaveLength(1);

    // It arrives: the month is republished, marked revised, in the same cycle.
    steps.calls.length = 0;
    steps.dropExtract('RF4QH', '2026-07');
    dir.clock.set('2026-08-20T10:00:00Z');
    await cycle(scheduler);
    // (The daily purge is due too: its 03:15 slot passed since the last cycle.)
    expect(describeCalls(steps)).toEqual(['ingest', 'publish 2026-07 r2', 'purge']);
    expect(steps.calls[1]?.options).toEqual({ revised: true, revision: 2 });
    status = scheduleStatus(dir.context);
    expect(status.lateExtracts).toEqual([]);
    expect(status.lateArrivals).toMatchObject([{ siteCode: 'RF4QH', period: '2026-07', dueOn: '2026-08-05' }]);
    expect(status.publications).toMatchObject([{ month: '2026-07', state: 'published', revision: 2, revised: true }]);
    expect(formatScheduleStatus(status)).toEqual(
      expect.arrayContaining([
        'Scheduler: not running',
        'Late arrivals:',
        '  RF4QH        2026-07  due 2026-08-05, arrived 2026-08-20T10:00:00Z',
        '  2026-07  published revision 2 (revised) 2026-08-20T10:00:00Z',
      ]),
    );
    expect(listPublicationHistory(dir.context.store, '2026-07').map((entry) => [entry.revision, entry.revised, entry.reason])).toEqual([
      [1, false, 'scheduled'],
      [2, true, 'late-extract'],
    ]);

    // A resubmission of a published month is a revision too, and says so.
    steps.calls.length = 0;
    steps.dropExtract('RAPNM', '2026-07');
    dir.clock.set('2026-08-20T10:15:00Z');
    await cycle(scheduler);
    expect(describeCalls(steps)).toEqual(['ingest', 'publish 2026-07 r3']);
    expect(listPublicationHistory(dir.context.store, '2026-07').at(-1)).toMatchObject({ revision: 3, revised: true, reason: 'resubmission' });
  });

  it('shows an extract ingested by hand as a late arrival at once, before the next check runs', async () => {
    const section = { lateExtracts: { expectFrom: '2026-07' } };
    const { dir, steps, scheduler } = setUp('2026-08-10T09:00:00Z', section);
    await cycle(scheduler);
    expect(scheduleStatus(dir.context, scheduleConfig(section)).lateExtracts.map((late) => late.siteCode)).toEqual(['RAPNM', 'RF4QH']);
    dir.clock.set('2026-08-10T10:00:00Z');
    insertExtract(dir.context.store, 'RF4QH', '2026-07', dir.clock.now);
    const status = scheduleStatus(dir.context, scheduleConfig(section));
    expect(status.lateExtracts.map((late) => late.siteCode)).toEqual(['RAPNM']);
    expect(status.lateArrivals).toEqual([{ siteCode: 'RF4QH', period: '2026-07', dueOn: '2026-08-05', arrivedAt: new Date('2026-08-10T10:00:00Z') }]);
    expect(steps.calls.map((call) => call.step)).toEqual(['ingest', 'purge']);
  });

  it('uses a site’s own due day over the default', async () => {
    const { dir, scheduler } = setUp('2026-08-07T09:00:00Z');
    const withOwnDay = new Scheduler({
      context: dir.context,
      steps: recordingSteps(dir.clock),
      config: scheduleConfig(),
      sites: [{ code: 'RAPNM', extractDueDay: 10 }, { code: 'RF4QH' }],
    });
    scheduler.dispose();
    await withOwnDay.tick('test');
    const late = dir.context.store.prepare('SELECT site_code, period, due_on FROM late_extracts').all();
    // Nothing has ever arrived and no first month is configured, so nothing is expected yet.
    expect(late).toEqual([]);
    withOwnDay.dispose();
    const expecting = new Scheduler({
      context: dir.context,
      steps: recordingSteps(dir.clock),
      config: scheduleConfig({ lateExtracts: { expectFrom: '2026-07' }, pollInbox: { cron: '*/5 * * * *' } }),
      sites: [{ code: 'RAPNM', extractDueDay: 10 }, { code: 'RF4QH' }],
    });
    dir.clock.set('2026-08-08T09:00:00Z');
    await expecting.tick('test');
    expect(dir.context.store.prepare('SELECT site_code, period, due_on FROM late_extracts').all()).toEqual([{ site_code: 'RF4QH', period: '2026-07', due_on: '2026-08-05' }]);
    expecting.dispose();
  });
});

describe('no overlap', () => {
  it('skips and logs a tick that comes while a step is still running', async () => {
    const { dir, steps, scheduler } = setUp('2026-07-01T09:00:00Z');
    let release!: () => void;
    const ingestHeld = new Promise<void>((resolve) => (release = resolve));
    const realIngest = steps.ingestInbox;
    steps.ingestInbox = async (context) => {
      await ingestHeld;
      return realIngest(context);
    };
    const first = scheduler.tick('poll-inbox');
    expect(first).not.toBeNull();
    expect(scheduler.busy).toBe(true);
    expect(scheduler.tick('publish-packs')).toBeNull();
    expect(scheduler.tick('poll-inbox')).toBeNull();
    release();
    await first;
    expect(scheduler.busy).toBe(false);
    expect(steps.calls.filter((call) => call.step === 'ingest')).toHaveLength(1);
    const skipped = dir.logLines().filter((line) => line.msg === 'tick skipped: a step is still running');
    expect(skipped.map((line) => [line.trigger, line.runningJob])).toEqual([
      ['publish-packs', 'poll-inbox'],
      ['poll-inbox', 'poll-inbox'],
    ]);
    // Free again: the next tick runs.
    expect(scheduler.tick('poll-inbox')).not.toBeNull();
    await scheduler.idle();
  });

  it('finishes the step in hand when asked to stop, and leaves the rest for the next start', async () => {
    const { dir, steps, scheduler } = setUp('2026-07-01T09:00:00Z');
    let release!: () => void;
    const ingestHeld = new Promise<void>((resolve) => (release = resolve));
    steps.ingestInbox = async () => {
      await ingestHeld;
      return { files: 0 };
    };
    const running = scheduler.tick('start')!;
    scheduler.requestStop();
    release();
    const report = await running;
    expect(report.stopped).toBe(true);
    expect(report.outcomes.map((outcome) => outcome.job)).toEqual(['poll-inbox']);
    expect(readJobState(dir.context.store, 'purge-archive')).toBeNull();
    expect(scheduler.tick('poll-inbox')).toBeNull();
  });
});

describe('job runs in the store', () => {
  it('records each run with its counts and duration, and a disabled job never runs', async () => {
    const { dir, steps, scheduler } = setUp('2026-07-01T09:00:00Z', { purgeArchive: { enabled: false } });
    steps.dropExtract('RAPNM', '2026-06');
    await cycle(scheduler);
    const runs = dir.context.store.prepare('SELECT job, status, summary_json, duration_ms FROM job_runs ORDER BY id').all() as Array<{
      job: string;
      status: string;
      summary_json: string;
      duration_ms: number;
    }>;
    expect(runs.map((run) => [run.job, run.status, JSON.parse(run.summary_json)])).toEqual([
      ['poll-inbox', 'succeeded', { files: 1 }],
      // June's extract from the other site is not due until 5 July.
      ['check-late-extracts', 'succeeded', { late: 0, awaited: 1, newlyLate: 0, lateArrived: 0 }],
    ]);
    expect(runs.every((run) => run.duration_ms >= 0)).toBe(true);
    expect(steps.calls.some((call) => call.step === 'purge')).toBe(false);
    const finished = dir.logLines().filter((line) => line.msg === 'job finished');
    expect(finished.map((line) => [line.job, line.files ?? null, typeof line.durationMs])).toEqual([
      ['poll-inbox', 1, 'number'],
      ['check-late-extracts', null, 'number'],
    ]);
    const status = scheduleStatus(dir.context, scheduleConfig({ purgeArchive: { enabled: false } }));
    expect(status.jobs.map((job) => [job.job, job.enabled, job.lastRun?.status ?? null, job.nextDueAt?.toISOString() ?? null])).toEqual([
      ['poll-inbox', true, 'succeeded', '2026-07-01T09:15:00.000Z'],
      ['check-late-extracts', true, 'succeeded', '2026-07-02T05:30:00.000Z'],
      ['publish-packs', true, null, '2026-07-10T05:00:00.000Z'],
      ['purge-archive', false, null, null],
    ]);
  });
});
