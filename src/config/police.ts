/**
 * The `police` section of the config: which police.uk crime types istv keeps,
 * and how to read a force's own extract when it is not in police.uk's layout.
 */
import { z } from 'zod';

/**
 * What istv reads from a police extract. `month` is required; so is a place:
 * `lsoa_code`, or a point (longitude and latitude, or easting and northing)
 * from which the LSOA is found. Nothing else is ever read (no crime reference).
 */
export const POLICE_FIELDS = ['month', 'reported_by', 'falls_within', 'longitude', 'latitude', 'easting', 'northing', 'location', 'lsoa_code', 'crime_type', 'outcome'] as const;
export type PoliceField = (typeof POLICE_FIELDS)[number];

/** The crime type kept when neither the config nor `--crime-type` names one. */
export const DEFAULT_POLICE_CRIME_TYPES = ['Violence and sexual offences'];

const policeFieldSchema = z.enum([...POLICE_FIELDS, 'drop']);

/**
 * A force's own extract: its header names → istv's police fields. Columns not
 * named here are never read (an allow-list: an extract with victim details
 * cannot bring them in by accident).
 */
export const policeColumnMappingSchema = z.strictObject({
  /** Shown in provenance and messages, e.g. "Avon and Somerset RMS export". */
  name: z.string().min(1),
  /** The force, when the extract has no "Reported by" column. */
  force: z.string().min(1).optional(),
  columns: z.record(z.string(), policeFieldSchema),
});
export type PoliceColumnMapping = z.infer<typeof policeColumnMappingSchema>;

export const policeConfigSchema = z
  .strictObject({
    crimeTypes: z.array(z.string().min(1)).min(1).default(DEFAULT_POLICE_CRIME_TYPES),
    columnMappings: z.array(policeColumnMappingSchema).default([]),
  })
  .prefault({});
export type PoliceConfig = z.infer<typeof policeConfigSchema>;
