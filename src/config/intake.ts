import { z } from 'zod';

/** How files are taken from the inbox. */
export const intakeSchema = z
  .strictObject({
    /**
     * Seconds an inbox file must stand unchanged (size and mtime) before it is
     * claimed, unless a `<name>.done` marker sits beside it. 0 suits a transfer
     * that writes under a temporary name and renames the finished file.
     */
    settleSeconds: z.number().min(0).default(60),
    /** Seconds one file may take from claim to archive or quarantine; past it the file is quarantined. */
    fileTimeLimitSeconds: z.number().positive().default(900),
    /** Seconds a run waits for another run (ingest, report, scheduler) to release the data dir. */
    lockWaitSeconds: z.number().min(0).default(3600),
  })
  .prefault({});
export type IntakeConfig = z.infer<typeof intakeSchema>;

/** Failed runs on a file before it is moved aside (one retry after an error of istv or an exit with the file in hand). */
export const MAX_FILE_ATTEMPTS = 2;
