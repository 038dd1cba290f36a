-- Run state of the scheduled jobs (src/schedule/). It lives here, not in memory, so
-- that a scheduler restarted after downtime or a crash knows what it still owes.
-- Times are ISO 8601 UTC instants.

-- One row per job: what it last did and when it is next due.
CREATE TABLE job_state (
  job              TEXT PRIMARY KEY,
  -- The first time a scheduler saw this job: nothing before it is owed.
  first_seen_at    TEXT NOT NULL,
  -- The latest slot the job has run for (missed slots up to it were caught up).
  last_slot_at     TEXT,
  next_due_at      TEXT NOT NULL,
  last_started_at  TEXT,
  last_finished_at TEXT,
  last_status      TEXT CHECK (last_status IN ('succeeded', 'failed')),
  last_duration_ms INTEGER,
  -- Counts only (files, rows, months); never an identifier or free text.
  last_summary_json TEXT
);

-- Every run of every job. A row left 'running' by a killed process is marked
-- 'interrupted' by the next scheduler to take the lock.
CREATE TABLE job_runs (
  id           INTEGER PRIMARY KEY,
  job          TEXT NOT NULL,
  slot_at      TEXT,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
  duration_ms  INTEGER,
  summary_json TEXT,
  error        TEXT
);
CREATE INDEX job_runs_job ON job_runs(job, started_at);

-- One row per month the scheduler owes (or owed) a publication for.
CREATE TABLE month_publications (
  month           TEXT PRIMARY KEY,
  -- 'pending' until published; 'failed' after an attempt failed (retried up to the configured attempts).
  state           TEXT NOT NULL CHECK (state IN ('pending', 'published', 'failed')),
  -- The slot that made the month due.
  due_at          TEXT NOT NULL,
  -- 0 before the first publication, 1 for the first, 2 for the first revision, ...
  revision        INTEGER NOT NULL DEFAULT 0,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  published_at    TEXT,
  -- The ids of the current extracts of the month when it was last published, sorted,
  -- comma-separated: when they change (a late extract, a resubmission) the month is republished.
  extract_ids     TEXT
);

-- Every publication, the first and each revision.
CREATE TABLE publication_history (
  id            INTEGER PRIMARY KEY,
  month         TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  revised       INTEGER NOT NULL CHECK (revised IN (0, 1)),
  -- Why this revision was made: 'scheduled', 'late-extract' or 'resubmission'.
  reason        TEXT NOT NULL CHECK (reason IN ('scheduled', 'late-extract', 'resubmission')),
  published_at  TEXT NOT NULL,
  extract_ids   TEXT NOT NULL,
  summary_json  TEXT,
  UNIQUE (month, revision)
);

-- Site-months noticed as late by the late-extract check; arrived_at is set when the
-- extract finally comes, so that status can show late arrivals as well as what is still late.
CREATE TABLE late_extracts (
  site_code   TEXT NOT NULL,
  period      TEXT NOT NULL,
  due_on      TEXT NOT NULL,
  noticed_at  TEXT NOT NULL,
  arrived_at  TEXT,
  PRIMARY KEY (site_code, period)
);
