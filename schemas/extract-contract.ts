/**
 * The extract contract as hospital IT sees it: one entry per column, with
 * whether the ISTV minimum data set makes it mandatory, what it means and the
 * values accepted. `npm run schemas` turns this into a JSON Schema and the
 * human-readable contract (schemas/README.md). The pipeline's own row validator
 * (src/validate/row-schema.ts) reads more forms than the contract promises, so a
 * file that passes this schema always passes the pipeline.
 */
import { z } from 'zod';
import {
  LOCATION_TYPE_CATEGORIES, RELATIONSHIP_CATEGORIES, WEAPON_CATEGORIES,
  locationTypeCodeList, relationshipCodeList, weaponCodeList,
} from './code-lists.ts';

export interface ContractColumn {
  name: string;
  /** mandatory: the row is rejected without it. required: ISTV asks for it when known. optional: local Cardiff-model field. */
  status: 'mandatory' | 'required' | 'optional';
  description: string;
  example: string;
  schema: z.ZodType<string>;
}

const dateTime = z
  .string()
  .regex(/^(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}(:\d{2})?|\d{4}-\d{2}-\d{2}(T| )\d{2}:\d{2}(:\d{2})?|\d{2}\/\d{2}\/\d{4}|\d{4}-\d{2}-\d{2})$/)
  .describe('DD/MM/YYYY HH:MM (UK local time) or YYYY-MM-DDTHH:MM; the time may be left off when not known');
const yesNo = z.enum(['Y', 'N', 'U', '']).describe('Y, N, or U/blank when not known');
const freeText = (max: number) => z.string().max(max);
const codeOrWords = (codes: readonly string[]) =>
  z.string().min(1).describe(`One of: ${codes.join(', ')}; or the hospital's own word or code (see the synonyms in schemas/code-lists/)`);

export const CONTRACT_COLUMNS: ContractColumn[] = [
  { name: 'site_code', status: 'mandatory', description: 'ODS code of the treating ED site (3–12 characters). May be left out of the file if the file name carries it.', example: 'RKEQ4', schema: z.string().regex(/^[A-Z0-9]{3,12}$/) },
  { name: 'attendance_id', status: 'optional', description: "The ED's own reference for the attendance, used only to spot a row sent twice; it is keyed (HMAC) on arrival and never stored in clear. Not the NHS number or hospital number.", example: 'ED2611220457', schema: freeText(40) },
  { name: 'arrival_datetime', status: 'required', description: 'Date and time of arrival at the ED. Separate arrival_date and arrival_time columns are also accepted.', example: '22/11/2026 23:40', schema: dateTime.or(z.literal('')) },
  { name: 'assault_datetime', status: 'mandatory', description: 'Date and (when known) time of the assault. Separate assault_date and assault_time columns are also accepted.', example: '22/11/2026 23:15', schema: dateTime },
  { name: 'assault_method', status: 'mandatory', description: 'The weapon or body part used. "unknown" when not known.', example: 'bottle', schema: codeOrWords(WEAPON_CATEGORIES) },
  { name: 'assault_method_other', status: 'required', description: 'Description when the method is "other".', example: 'hit with a saucepan', schema: freeText(255) },
  { name: 'location_type', status: 'mandatory', description: 'Type of place where the assault happened. "unknown" when not known.', example: 'licensed_premises', schema: codeOrWords(LOCATION_TYPE_CATEGORIES) },
  { name: 'location_description', status: 'required', description: "Where it happened, as the patient says it: premises name, street, junction, landmark or postcode. Never the patient's own address (write \"home\").", example: 'outside the Red Lion, High Road', schema: freeText(255) },
  { name: 'location_postcode', status: 'optional', description: 'Postcode of the assault location when recorded separately (not the patient\'s home postcode).', example: 'N17 9LZ', schema: z.string().regex(/^([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})?$/i) },
  { name: 'assailant_count', status: 'optional', description: 'Number of assailants.', example: '2', schema: z.string().regex(/^(\d{1,2}|\d{1,2}\+|unknown|)$/i) },
  { name: 'assailant_relationship', status: 'optional', description: 'Relationship of the patient to the assailant (partner or family marks domestic violence).', example: 'stranger', schema: z.union([codeOrWords(RELATIONSHIP_CATEGORIES), z.literal('')]) },
  { name: 'reported_to_police', status: 'optional', description: 'Has the assault been reported to the police?', example: 'N', schema: yesNo },
  { name: 'wants_police_informed', status: 'optional', description: 'Would the patient like the police informed on their behalf?', example: 'N', schema: yesNo },
  { name: 'age', status: 'optional', description: 'Age in whole years at attendance (0–120). Stored only as an age band.', example: '24', schema: z.string().regex(/^(\d{1,3}|)$/) },
  { name: 'sex', status: 'optional', description: 'M, F, X (other) or U (unknown).', example: 'M', schema: z.enum(['M', 'F', 'X', 'U', '']) },
  { name: 'alcohol_involved', status: 'optional', description: 'Had the patient been drinking?', example: 'Y', schema: yesNo },
];

/** The row as sent: every contract column is text; mandatory ones must be present. */
export const extractRowContract = z.object(
  Object.fromEntries(
    CONTRACT_COLUMNS.map((column) => [
      column.name,
      (column.status === 'mandatory' ? column.schema : column.schema.optional()).describe(column.description),
    ]),
  ),
);

export const CODE_LISTS = { weapon: weaponCodeList, location_type: locationTypeCodeList, assailant_relationship: relationshipCodeList };
