/**
 * The istv logger: pino, JSON lines to a file under the data dir and, in a
 * terminal, readable lines on stderr. Identifier fields are redacted wherever they
 * appear in a log object, so a careless `logger.info({ row })` cannot leak them.
 */
import pino, { type Logger } from 'pino';
import { mkdirSync } from 'node:fs';
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
  /** Also write readable lines to stderr (default: when stderr is a terminal). */
  pretty?: boolean;
  /** Write nothing to stderr at all (for --json output and tests). */
  quiet?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.ISTV_LOG_LEVEL ?? 'info';
  const targets: pino.TransportTargetOptions[] = [];
  const streams: pino.StreamEntry[] = [];
  if (options.logDirectory) {
    mkdirSync(options.logDirectory, { recursive: true });
    streams.push({ level: level as pino.Level, stream: pino.destination({ dest: path.join(options.logDirectory, 'istv.log'), sync: true, mkdir: true }) });
  }
  if (!options.quiet) {
    const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
    if (pretty) {
      // pino-pretty as a stream (not a worker transport) so that lines appear in order with progress output.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      targets.push({ target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }, level });
    } else {
      streams.push({ level: level as pino.Level, stream: pino.destination({ dest: 2, sync: true }) });
    }
  }
  const base = { level, redact: { paths: redactPaths(), censor: '[redacted]' }, base: undefined };
  if (targets.length > 0) {
    const transport = pino.transport({ targets });
    streams.push({ level: level as pino.Level, stream: transport });
  }
  return pino(base, pino.multistream(streams.length > 0 ? streams : [{ stream: pino.destination({ dest: '/dev/null', sync: true }) }]));
}
