/**
 * The column names of the extract contract, and the names a site's
 * `columnMapping` may map a hospital's header to. Both the config schema (which
 * checks each mapping when the config loads) and the validate stage (which reads
 * headers with it) judge names by this one list.
 */

/** The canonical columns of the extract contract, in contract order. */
export const CANONICAL_COLUMNS = [
  'site_code', 'attendance_id', 'arrival_datetime', 'assault_datetime', 'assault_method', 'assault_method_other',
  'location_type', 'location_description', 'assailant_count', 'assailant_relationship', 'reported_to_police',
  'wants_police_informed', 'age', 'sex', 'alcohol_involved',
] as const;

/** Columns accepted besides the canonical ones: split date/time pairs and a location postcode. */
export const AUXILIARY_COLUMNS = ['arrival_date', 'arrival_time', 'assault_date', 'assault_time', 'location_postcode'] as const;

export type InputColumn = (typeof CANONICAL_COLUMNS)[number] | (typeof AUXILIARY_COLUMNS)[number];

/** Identifying columns istv recognises: read for what is useful (age band, residence area, pseudonym), then dropped. */
export const IDENTIFIER_COLUMNS = [
  'nhs_number', 'hospital_number', 'patient_name', 'date_of_birth', 'address', 'patient_postcode', 'phone', 'email', 'next_of_kin',
] as const;

export type IdentifierColumn = (typeof IDENTIFIER_COLUMNS)[number];

/** Mapping targets that keep a column out. */
const DROP_TARGETS = ['drop', 'ignore'];

export type ColumnMappingTarget = { kind: 'canonical'; field: InputColumn } | { kind: 'identifier'; column: IdentifierColumn } | { kind: 'dropped' };

const INPUT_COLUMNS = new Set<string>([...CANONICAL_COLUMNS, ...AUXILIARY_COLUMNS]);
const IDENTIFIERS = new Set<string>(IDENTIFIER_COLUMNS);

/** What a columnMapping target name means (case and surrounding spaces aside), or null for a name the contract does not know. */
export function columnMappingTarget(name: string): ColumnMappingTarget | null {
  const key = name.trim().toLowerCase();
  if (INPUT_COLUMNS.has(key)) return { kind: 'canonical', field: key as InputColumn };
  if (IDENTIFIERS.has(key)) return { kind: 'identifier', column: key as IdentifierColumn };
  if (DROP_TARGETS.includes(key)) return { kind: 'dropped' };
  return null;
}
