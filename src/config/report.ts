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
        /**
         * Context only: assaults whose text named another place (a station, junction,
         * postcode) placed within this many metres of a premises are shown beside it,
         * never counted for it or ranked.
         */
        nearPremisesMetres: z.number().min(0).max(500).default(50),
        /**
         * The council's premises-licence register (Licensing Act 2003), CSV: premises
         * name, address, postcode, licence number, licensed hours and optionally
         * coordinates (see the README). Its premises are candidates, and its licence
         * details identify them in the reports. Relative to the config file.
         */
        register: z.string().min(1).optional(),
        /** Register column mapping when its headers are not recognised: { "name": "Premises Name", "hours": "Times" }. */
        registerColumns: z.record(z.string(), z.string()).default({}),
        /**
         * Food-hygiene (FSA FHRS) business types whose premises are candidates, as
         * the register writes them. "Pub/bar/nightclub" also holds sports and golf
         * clubs; a café or takeaway is a candidate only when listed here or licensed
         * in the register.
         */
        fhrsBusinessTypes: z.array(z.string().min(1)).default(['Pub/bar/nightclub']),
        /** OpenStreetMap `amenity` values whose premises are candidates. */
        osmAmenities: z.array(z.string().min(1)).default(['pub', 'bar', 'nightclub']),
        /** Also write each premises report as a hearing-bundle edition (method for a committee, nothing the policy does not let the officer disclose). */
        hearingBundle: z.boolean().default(true),
      })
      .prefault({}),
    protectiveMarking: protectiveMarkingSchema,
  })
  .prefault({});
export type ReportConfig = z.output<typeof reportSchema>;
