/**
 * Understanding a hospital's header. A site's own columnMapping (from the
 * config) is applied first, then the aliases in schemas/code-lists/column-aliases.json.
 * A header is understood when every mandatory item of the ISTV minimum data set
 * can be found in it; otherwise the file is quarantined, and nothing else is affected.
 */
import aliasList from '../../schemas/code-lists/column-aliases.json' with { type: 'json' };
import { normaliseCodeText } from '../../schemas/code-lists.ts';
import { CANONICAL_COLUMNS, columnMappingTarget, type IdentifierColumn, type InputColumn } from '../../schemas/columns.ts';
import type { HeaderMapping, IdentifierField } from './types.ts';

/** The pipeline's field for each identifier column of the contract. */
const IDENTIFIER_FIELDS: Record<IdentifierColumn, IdentifierField> = {
  nhs_number: 'nhsNumber',
  hospital_number: 'hospitalNumber',
  patient_name: 'patientName',
  date_of_birth: 'dateOfBirth',
  address: 'address',
  patient_postcode: 'patientPostcode',
  phone: 'phone',
  email: 'email',
  next_of_kin: 'nextOfKin',
};

type Target = HeaderMapping['columns'][number]['target'];

const builtInAliases = new Map<string, Target>();
function addAlias(alias: string, target: Target): void {
  const key = normaliseCodeText(alias.replace(/_/g, ' '));
  if (!builtInAliases.has(key)) builtInAliases.set(key, target);
}
for (const [field, aliases] of Object.entries(aliasList.canonical)) {
  addAlias(field, { kind: 'canonical', field });
  for (const alias of aliases) addAlias(alias, { kind: 'canonical', field });
}
for (const [field, aliases] of Object.entries(aliasList.identifiers)) {
  const identifier = Object.hasOwn(IDENTIFIER_FIELDS, field) ? IDENTIFIER_FIELDS[field as IdentifierColumn] : undefined;
  if (!identifier) throw new Error(`column-aliases.json names an unknown identifier field: ${field}`);
  addAlias(field, { kind: 'identifier', field: identifier });
  for (const alias of aliases) addAlias(alias, { kind: 'identifier', field: identifier });
}

/** Resolves a target name used in a site's columnMapping: a canonical column, an identifier field, or "drop". */
function mappingTarget(name: string): Target | null {
  const target = columnMappingTarget(name);
  if (target === null || target.kind !== 'identifier') return target;
  return { kind: 'identifier', field: IDENTIFIER_FIELDS[target.column] };
}

export interface HeaderOptions {
  /** The site's own header → target mapping. */
  columnMapping?: Record<string, string>;
  /** Further headers the site marks as identifying. */
  identifierColumns?: string[];
}

export interface HeaderProblem {
  /** What is wrong with the header, for the quarantine reason and the hospital. */
  message: string;
  missing: string[];
  /** Source headers that were understood (no values). */
  understood: Array<{ sourceHeader: string; field: string }>;
  unrecognised: string[];
}

export type HeaderResult = { ok: true; mapping: HeaderMapping } | { ok: false; problem: HeaderProblem };

/** Mandatory items of the ISTV minimum data set, as alternatives of columns that supply them. */
const MANDATORY: Array<{ item: string; anyOf: InputColumn[][] }> = [
  { item: 'assault date (assault_datetime, or assault_date)', anyOf: [['assault_datetime'], ['assault_date']] },
  { item: 'assault method (assault_method)', anyOf: [['assault_method']] },
  { item: 'location type (location_type)', anyOf: [['location_type']] },
];

export function mapHeader(headers: string[], options: HeaderOptions = {}): HeaderResult {
  const siteMapping = new Map<string, Target>();
  for (const [source, targetName] of Object.entries(options.columnMapping ?? {})) {
    const target = mappingTarget(targetName);
    // The config schema checks targets; an unknown one here is a programming error.
    if (target === null) throw new Error(`Unexpected columnMapping target: ${targetName}`);
    siteMapping.set(normaliseCodeText(source), target);
  }
  for (const source of options.identifierColumns ?? []) {
    siteMapping.set(normaliseCodeText(source), { kind: 'identifier', field: 'hospitalNumber' });
  }

  const columns: HeaderMapping['columns'] = [];
  const taken = new Set<string>();
  const droppedColumns: string[] = [];
  const identifierColumns: string[] = [];
  headers.forEach((sourceHeader, index) => {
    const key = normaliseCodeText(sourceHeader);
    let target: Target = siteMapping.get(key) ?? builtInAliases.get(key) ?? { kind: 'dropped' };
    if (target.kind === 'canonical') {
      // A second column for the same field is kept out rather than silently overwriting the first.
      if (taken.has(target.field)) target = { kind: 'dropped' };
      else taken.add(target.field);
    }
    if (target.kind === 'dropped' && sourceHeader.trim() !== '') droppedColumns.push(sourceHeader);
    if (target.kind === 'identifier') identifierColumns.push(sourceHeader);
    columns.push({ index, sourceHeader, target });
  });

  const missing = MANDATORY.filter(({ anyOf }) => !anyOf.some((set) => set.every((column) => taken.has(column)))).map((m) => m.item);
  if (missing.length > 0) {
    return {
      ok: false,
      problem: {
        message: `The header has no column for ${missing.join('; ')}. Use the canonical names (${CANONICAL_COLUMNS.join(', ')}) or add a columnMapping for this site.`,
        missing,
        understood: columns.flatMap((c) => (c.target.kind === 'canonical' ? [{ sourceHeader: c.sourceHeader, field: c.target.field }] : [])),
        unrecognised: droppedColumns,
      },
    };
  }
  return { ok: true, mapping: { columns, droppedColumns, identifierColumns } };
}
