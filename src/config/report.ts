import { z } from 'zod';

/** The report packs' settings (config key `report`). */
export const reportSchema = z
  .strictObject({
    licensing: z
      .strictObject({
        /** Months of history in each premises report. */
        months: z.number().int().min(12).max(36).default(24),
        /** An assault placed in a public place within this many metres of a premises is attributed to it as "near". */
        nearPremisesMetres: z.number().min(0).max(500).default(50),
      })
      .prefault({}),
  })
  .prefault({});
export type ReportConfig = z.output<typeof reportSchema>;
