/**
 * The istv logger: pino, JSON lines to a file under the data dir and, in a
 * terminal, readable lines on stderr. Identifier fields are redacted wherever they
 * appear in a log object, so a careless `logger.info({ row })` cannot leak them.
 */
import pino, { type Logger } from 'pino';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import pretty from 'pino-pretty';
import path from 'node:path';

export type { Logger };

/** Keys whose values never reach a log line, at any depth up to three levels. */
export const REDACTED_KEYS = [
  'nhsNumber', 'nhs_number', 'hospitalNumber', 'hospital_number', 'patientName', 'patient_name', 'name',
  'dateOfBirth', 'date_of_birth', 'dob', 'address', 'patientPostcode', 'patient_postcode', 'postcode',
  'locationPostcode', 'phone', 'email', 'nextOfKin', 'next_of_kin', 'identifiers', 'attendanceId', 'attendance_id',
  'locationDescription', 'location_description', 'assaultMethodOther', 'rawText', 'value', 'geocodeText',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of REDACTED_KEYS) {
    paths.push(key, `*.${key}`, `*.*.${key}`);
  }
  return paths;
}

export interface LoggerOptions {
  /** Folder for istv.log (JSON lines); omitted, no file is written. */
  logDirectory?: string;
  level?: string;
  /** Colour the readable lines on stderr (default: when stderr is a terminal). */
  pretty?: boolean;
  /** Write nothing to stderr at all (for --json output and tests). */
  quiet?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.ISTV_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (options.logDirectory) {
    mkdirSync(options.logDirectory, { recursive: true, mode: 0o700 });
    chmodSync(options.logDirectory, 0o700);
    const file = path.join(options.logDirectory, 'istv.log');
    // Created owner-only before pino opens it: log lines name files, sites and counts.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    streams.push({ level: level as pino.Level, stream: pino.destination({ dest: file, sync: true }) });
  }
  if (!options.quiet) {
    // People read stderr: readable lines, in colour on a terminal. JSON lines go only to logs/.
    const colour = options.pretty ?? Boolean(process.stderr.isTTY);
    streams.push({ level: level as pino.Level, stream: pretty({ destination: 2, sync: true, colorize: colour, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) });
  }
  const base = { level, redact: { paths: redactPaths(), censor: '[redacted]' }, base: undefined };
  return pino(base, pino.multistream(streams.length > 0 ? streams : [{ stream: pino.destination({ dest: '/dev/null', sync: true }) }]));
}
