/**
 * The `schedule` section of the config: when each scheduled job runs and what
 * counts as a late extract. Every key has a default, so a config without the
 * section runs the standard Cardiff-model month.
 */
import cron from 'node-cron';
import { z } from 'zod';

function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** A cron expression node-cron accepts (five fields, or six with seconds first). */
const cronExpression = z.string().superRefine((expression, context) => {
  const result = cron.validateDetailed(expression);
  if (!result.valid) {
    const reasons = result.errors.map((error) => error.message).join('; ');
    context.addIssue({ code: 'custom', message: `not a cron expression: "${expression}" (${reasons})` });
  }
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** What every job's section has: whether it runs, and when. */
const jobShape = (defaultCron: string) => ({
  enabled: z.boolean().default(true),
  cron: cronExpression.default(defaultCron),
});

export const scheduleConfigSchema = z
  .strictObject({
    /** Cron expressions are read as wall-clock time in this zone (British Summer Time included). */
    timezone: z
      .string()
      .refine(isKnownTimezone, { error: (issue) => `unknown time zone: "${String(issue.input)}"` })
      .default('Europe/London'),
    /** Ingest whatever hospital IT has dropped in inbox/. */
    pollInbox: z.strictObject(jobShape('*/15 * * * *')).prefault({}),
    /** Publish the monthly report packs; by default at 06:00 on the 10th, leaving the sites nine days to send last month's extract. */
    publish: z
      .strictObject({
        ...jobShape('0 6 10 * *'),
        /** Which month a run publishes: 1 = the month before the run. */
        monthsBack: z.number().int().min(0).max(12).default(1),
        /**
         * The first month the scheduler owes a pack for. Without it, only months whose
         * publication time falls after the scheduler's first start are published
         * (earlier ones are published by hand with `istv report`).
         */
        fromMonth: month.optional(),
        /** A month whose publication fails is retried on later runs this many times in all. */
        maxAttempts: z.number().int().min(1).max(100).default(5),
      })
      .prefault({}),
    /** Notice sites whose extract for a month has not arrived by its due day. */
    lateExtracts: z
      .strictObject({
        ...jobShape('30 6 * * *'),
        /** Day of the following month by which an extract is due; a site's own `extractDueDay` wins. */
        dueDay: z.number().int().min(1).max(28).default(5),
        /** The first month every site is expected to send; default: the earliest month any site has sent. */
        expectFrom: month.optional(),
      })
      .prefault({}),
    /** Delete raw extracts in archive/ older than `deidentify.archiveRetentionDays`. */
    purgeArchive: z.strictObject(jobShape('15 3 * * *')).prefault({}),
  })
  .prefault({});

export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
