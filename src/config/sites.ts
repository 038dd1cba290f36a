import { z } from 'zod';
import { LOCATION_TYPE_CATEGORIES, RELATIONSHIP_CATEGORIES, WEAPON_CATEGORIES } from '../../schemas/code-lists.ts';
import { unsafePatternReason } from './safe-regex.ts';

/**
 * Where an ED of a UK Community Safety Partnership can be: Great Britain and
 * Northern Ireland with a margin. A site outside it is a typing error, most
 * often latitude and longitude swapped, and would put every "near the ED"
 * location in the wrong place.
 */
const UK = { latitude: [49, 61], longitude: [-9, 2] } as const;
const inRange = (value: number, [low, high]: readonly [number, number]) => value >= low && value <= high;

/** One emergency department that sends extracts. */
export const siteSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9]{3,12}$/, 'an ODS site code: 3 to 12 capital letters or digits'),
  name: z.string().min(1),
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-90).max(90),
  /** Local authority the ED mainly serves; settles street names that exist in several boroughs. */
  borough: z.string().optional(),
  /** The hospital's own header → canonical column (or an identifier field such as "nhs_number"). Applied before the built-in aliases. */
  columnMapping: z.record(z.string(), z.string()).default({}),
  /** Further source headers this site uses for identifying data; always dropped. */
  identifierColumns: z.array(z.string()).default([]),
  /** A regular expression for this site's hospital (MRN) numbers, scrubbed from free text. */
  hospitalNumberPattern: z
    .string()
    .superRefine((pattern, context) => {
      const reason = unsafePatternReason(pattern);
      if (reason) context.addIssue({ code: 'custom', message: reason });
    })
    .optional(),
  /** This site's own codes for the code lists, e.g. { "03": "knife_or_sharp" }. */
  codeMappings: z
    .strictObject({
      weapon: z.record(z.string(), z.enum(WEAPON_CATEGORIES)).default({}),
      locationType: z.record(z.string(), z.enum(LOCATION_TYPE_CATEGORIES)).default({}),
      relationship: z.record(z.string(), z.enum(RELATIONSHIP_CATEGORIES)).default({}),
    })
    .prefault({}),
  /** The worksheet to read when this site sends an Excel workbook; the first visible sheet when not set. */
  sheet: z.string().min(1).optional(),
  /** Day of the following month by which this site's extract is due (for the late-extract check). */
  extractDueDay: z.number().int().min(1).max(28).optional(),
}).superRefine((site, context) => {
  if (inRange(site.latitude, UK.latitude) && inRange(site.longitude, UK.longitude)) return;
  const swapped = inRange(site.longitude, UK.latitude) && inRange(site.latitude, UK.longitude);
  context.addIssue({
    code: 'custom',
    path: ['latitude'],
    message: swapped
      ? `latitude ${site.latitude} and longitude ${site.longitude} look swapped: a UK site has latitude ${UK.latitude[0]} to ${UK.latitude[1]} and longitude ${UK.longitude[0]} to ${UK.longitude[1]} (WGS84)`
      : `the site (latitude ${site.latitude}, longitude ${site.longitude}) is outside the UK: expected latitude ${UK.latitude[0]} to ${UK.latitude[1]} and longitude ${UK.longitude[0]} to ${UK.longitude[1]} (WGS84 degrees)`,
  });
});
export type SiteConfig = z.infer<typeof siteSchema>;
