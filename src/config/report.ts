import { z } from 'zod';

/** A protective marking (Government Security Classifications), e.g. "OFFICIAL-SENSITIVE". */
export const markingSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Z0-9][A-Z0-9 /-]*$/, 'a protective marking is written in capitals, digits, spaces, hyphens and slashes, e.g. "OFFICIAL-SENSITIVE"');

/**
 * One marking per printed edition; an edition left out takes its default
 * (src/report/marking.ts): OFFICIAL-SENSITIVE where the content is not under
 * disclosure control, OFFICIAL where it is.
 */
export const protectiveMarkingSchema = z
  .strictObject({
    police: markingSchema.optional(),
    licensing: markingSchema.optional(),
    'public-health': markingSchema.optional(),
    hospital: markingSchema.optional(),
    /** The licensing premises report edition for a hearing bundle. */
    'hearing-bundle': markingSchema.optional(),
  })
  .prefault({});
export type ProtectiveMarkingConfig = z.output<typeof protectiveMarkingSchema>;
export type MarkedEdition = keyof ProtectiveMarkingConfig;

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
    protectiveMarking: protectiveMarkingSchema,
  })
  .prefault({});
export type ReportConfig = z.output<typeof reportSchema>;
