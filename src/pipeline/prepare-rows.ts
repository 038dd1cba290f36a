/**
 * The row-by-row stages that need no store and no gazetteer: validate, then
 * de-identify, for one extract. What comes out is, for each row read, its
 * issues and (when accepted) its de-identified record, plus the data-quality
 * measures of the validate stage. Identifiers go no further than this.
 *
 * The same code runs on the main thread (small files) or on a worker thread
 * (large files, see prepare-rows-in-worker.ts), so both give the same answer.
 */
import type { SiteConfig } from '../config/sites.ts';
import { createDeidentifier, textForGeocoder, type Deidentifier } from '../deidentify/deidentify.ts';
import type { PlaceVocabularyInput } from '../deidentify/vocabulary.ts';
import type { DeidentifiedRecord } from '../deidentify/types.ts';
import { DataQualityAccumulator, type DataQuality } from '../validate/data-quality.ts';
import type { RowIssue } from '../validate/types.ts';
import { validateExtract, type ExtractValidationOptions } from '../validate/validate-extract.ts';

/** One row read: its issues, and its de-identified record when it was accepted. */
export interface PreparedRow {
  line: number;
  issues: RowIssue[];
  record: DeidentifiedRecord | null;
  /**
   * The location as sent (normalised), for the geocoder to read in memory. It is
   * never stored, logged or reported: the record holds the allow-listed text.
   */
  geocodeText: string | null;
}

/**
 * A prepared row whose record still waits for its attendance key: the reference
 * to key goes with it. Only between a worker thread and its parent, which keys it
 * before the row leaves this stage (prepare-rows-in-worker.ts).
 */
export interface PreparedRowAwaitingKey extends PreparedRow {
  attendanceIdToKey: string | null;
}

/** What the de-identify stage is built from: plain data, so it can be sent to a worker thread. */
export interface DeidentifierSetup {
  sites: ReadonlyArray<Pick<SiteConfig, 'code' | 'hospitalNumberPattern'> & { weaponCodes?: readonly string[] }>;
  /** The gazetteer's place names and districts: what location text may keep. */
  places?: PlaceVocabularyInput;
  pseudonymKey: Buffer | null;
  /** The gazetteer's postcode → LSOA table, for the patient's residence LSOA. */
  residenceLsoaByPostcode: ReadonlyMap<string, string>;
}

export function createDeidentifierFromSetup(setup: DeidentifierSetup): Deidentifier {
  return createDeidentifier({
    sites: setup.sites,
    ...(setup.places ? { places: setup.places } : {}),
    pseudonymKey: setup.pseudonymKey,
    lookupPostcode: (postcode) => {
      const lsoaCode = setup.residenceLsoaByPostcode.get(postcode);
      return lsoaCode ? { lsoaCode } : null;
    },
  });
}

export interface RowPreparationOptions {
  validation: ExtractValidationOptions;
  /** Header names of columns outside the contract, and of identifier columns, for the data-quality report. */
  columnsDropped: string[];
  identifierColumnsDropped: string[];
}

export interface RowPreparation<Row extends PreparedRow = PreparedRow> {
  /** Every data row of the file, in order, in batches. */
  batches: AsyncGenerator<Row[]>;
  /** The validate stage's data-quality measures; complete once `batches` is exhausted. */
  quality(): DataQuality;
}

export function prepareRows(options: RowPreparationOptions, deidentifier: Deidentifier): RowPreparation {
  return prepare(options, deidentifier, true);
}

/**
 * As prepareRows, but each record's attendance key is left for the receiver to
 * make (with `attendanceKeyer`). For the worker thread: the HMAC of every reference
 * was its largest cost after parsing, while the parent thread waited for rows.
 */
export function prepareRowsAwaitingKeys(options: RowPreparationOptions, deidentifier: Deidentifier): RowPreparation<PreparedRowAwaitingKey> {
  return prepare(options, deidentifier, false);
}

function prepare(options: RowPreparationOptions, deidentifier: Deidentifier, keyAttendance: boolean): RowPreparation<PreparedRowAwaitingKey> {
  const accumulator = new DataQualityAccumulator(options.columnsDropped, options.identifierColumnsDropped);
  const deidentifyOptions = { keyAttendance };
  async function* batches(): AsyncGenerator<PreparedRowAwaitingKey[]> {
    for await (const validated of validateExtract(options.validation)) {
      const prepared: PreparedRowAwaitingKey[] = new Array(validated.length);
      for (let index = 0; index < validated.length; index += 1) {
        const { line, row, issues } = validated[index]!;
        accumulator.addRow(row, issues);
        let record: DeidentifiedRecord | null = null;
        if (row !== null) {
          record = deidentifier.deidentify(row, deidentifyOptions);
          accumulator.addScrubbed(record.scrubbed);
        }
        const geocodeText = row === null ? null : textForGeocoder(row);
        prepared[index] = { line, issues, record, geocodeText, attendanceIdToKey: keyAttendance ? null : (row?.attendanceId ?? null) };
      }
      yield prepared;
    }
  }
  return { batches: batches(), quality: () => accumulator.result() };
}
