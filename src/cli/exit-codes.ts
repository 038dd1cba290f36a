/**
 * Exit codes a script or a supervisor (systemd, cron) can act on.
 */
export const EXIT = {
  /** Everything asked for was done. Rejected rows inside an ingested file are normal and not a failure. */
  ok: 0,
  /** An unexpected error; the message says what. Safe to retry. */
  failure: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The config file is missing or invalid; fix it before retrying. */
  config: 3,
  /** The run finished, but some input was refused (a file quarantined, a month not published). */
  partial: 4,
  /** Another istv scheduler holds the data dir's lock. */
  locked: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of the last command run by `main` (commander's action handlers cannot return one). */
export const lastExit = { code: EXIT.ok as ExitCode };
