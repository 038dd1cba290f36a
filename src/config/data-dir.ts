/**
 * The layout of the data dir. Everything istv writes lives under this one folder.
 */
import path from 'node:path';

export interface DataDirectory {
  root: string;
  /** Hospital IT drops extracts here. */
  inbox: string;
  /** Files claimed by a run and being ingested; a crash leaves them here for the next run. */
  processing: string;
  /** Raw extracts after ingest: owner-only, purged after the retention period. */
  archive: string;
  /** Refused files, each with a .reason.json beside it. */
  quarantine: string;
  /** The SQLite store. */
  store: string;
  reports: string;
  logs: string;
}

export function dataDirectory(root: string): DataDirectory {
  const absolute = path.resolve(root);
  return {
    root: absolute,
    inbox: path.join(absolute, 'inbox'),
    processing: path.join(absolute, 'processing'),
    archive: path.join(absolute, 'archive'),
    quarantine: path.join(absolute, 'quarantine'),
    store: path.join(absolute, 'istv.sqlite'),
    reports: path.join(absolute, 'reports'),
    logs: path.join(absolute, 'logs'),
  };
}
