-- A month published by hand (`istv report`) is recorded in the publication history
-- like the scheduler's publications, with the reason 'manual': the history of what was
-- issued, and when, is then whole. SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt with its rows.
CREATE TABLE publication_history_new (
  id            INTEGER PRIMARY KEY,
  month         TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  revised       INTEGER NOT NULL CHECK (revised IN (0, 1)),
  -- Why this revision was made: 'scheduled', 'late-extract', 'resubmission' or 'manual'.
  reason        TEXT NOT NULL CHECK (reason IN ('scheduled', 'late-extract', 'resubmission', 'manual')),
  published_at  TEXT NOT NULL,
  extract_ids   TEXT NOT NULL,
  summary_json  TEXT,
  UNIQUE (month, revision)
);
INSERT INTO publication_history_new (id, month, revision, revised, reason, published_at, extract_ids, summary_json)
  SELECT id, month, revision, revised, reason, published_at, extract_ids, summary_json FROM publication_history;
DROP TABLE publication_history;
ALTER TABLE publication_history_new RENAME TO publication_history;
