-- The store holds de-identified records only, with the provenance of every extract.
-- Nothing here may hold an identifier value: no NHS number, name, date of birth,
-- address, home postcode, phone or email, and no attendance reference in clear.

CREATE TABLE extracts (
  id              INTEGER PRIMARY KEY,
  site_code       TEXT NOT NULL,
  -- Reporting month, YYYY-MM.
  period          TEXT NOT NULL,
  -- File name as dropped (not a path), for the hospital's reference.
  file_name       TEXT NOT NULL,
  sha256          TEXT NOT NULL UNIQUE,
  size_bytes      INTEGER NOT NULL,
  received_at     TEXT NOT NULL,
  ingested_at     TEXT NOT NULL,
  -- 1 for the first extract of a site and month, 2 for its first resubmission, ...
  version         INTEGER NOT NULL,
  -- 'current' or 'superseded'. Exactly one current extract per site and period.
  status          TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
  superseded_by   INTEGER REFERENCES extracts(id),
  rows_read       INTEGER NOT NULL,
  rows_accepted   INTEGER NOT NULL,
  rows_rejected   INTEGER NOT NULL,
  -- How the header was understood: [{ sourceHeader, target }]. Header names only, never values.
  header_json     TEXT NOT NULL,
  -- The data-quality measures of this extract (see src/validate/data-quality.ts).
  quality_json    TEXT NOT NULL,
  gazetteer_version TEXT,
  CHECK (rows_accepted + rows_rejected = rows_read)
);
CREATE UNIQUE INDEX extracts_one_current ON extracts(site_code, period) WHERE status = 'current';

CREATE TABLE records (
  id                     INTEGER PRIMARY KEY,
  extract_id             INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  line                   INTEGER NOT NULL,
  site_code              TEXT NOT NULL,
  -- Keyed hash of site + attendance reference (never the reference itself).
  attendance_key         TEXT,
  arrival_date           TEXT,
  arrival_time           TEXT,
  assault_date           TEXT NOT NULL,
  assault_time           TEXT,
  -- Derived for aggregation: YYYY-MM, 0..23 (null without a time), 1 = Monday .. 7 = Sunday.
  assault_month          TEXT NOT NULL,
  assault_hour           INTEGER,
  assault_weekday        INTEGER NOT NULL,
  weapon                 TEXT NOT NULL,
  assault_method_text    TEXT NOT NULL,
  assault_method_other   TEXT,
  location_type          TEXT NOT NULL,
  -- Scrubbed free text; full postcodes replaced by their sector.
  location_text          TEXT,
  assailant_count        INTEGER,
  assailant_relationship TEXT,
  domestic               INTEGER,
  reported_to_police     INTEGER,
  wants_police_informed  INTEGER,
  age_band               TEXT NOT NULL,
  sex                    TEXT,
  alcohol_involved       INTEGER,
  residence_lsoa         TEXT,
  -- HMAC-SHA256 of the normalised NHS number under a key kept outside this database.
  repeat_key             TEXT,
  geocode_outcome        TEXT NOT NULL,
  geocode_method         TEXT NOT NULL,
  geocode_confidence     REAL NOT NULL,
  matched_id             TEXT,
  matched_name           TEXT,
  longitude              REAL,
  latitude               REAL,
  lsoa_code              TEXT,
  ward_code              TEXT,
  gazetteer_version      TEXT,
  -- Counts of identifiers scrubbed from this row's text, by kind (JSON object of counts).
  scrubbed_json          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX records_extract ON records(extract_id);
CREATE INDEX records_month ON records(assault_month, lsoa_code, weapon);

CREATE TABLE row_issues (
  id          INTEGER PRIMARY KEY,
  extract_id  INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  line        INTEGER NOT NULL,
  field       TEXT,
  code        TEXT NOT NULL,
  -- Names the field and what was expected; never an identifier value or free text.
  message     TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning'))
);
CREATE INDEX row_issues_extract ON row_issues(extract_id);

-- Files that never became an extract: duplicates and quarantined files. Kept so
-- that every file dropped is accounted for.
CREATE TABLE intake_events (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL,
  sha256      TEXT,
  outcome     TEXT NOT NULL CHECK (outcome IN ('duplicate', 'quarantined')),
  reason      TEXT,
  extract_id  INTEGER REFERENCES extracts(id),
  at          TEXT NOT NULL
);

CREATE TABLE runs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  summary_json TEXT
);

-- The records of the current extract of every site and month: what every report reads.
CREATE VIEW current_records AS
  SELECT r.* FROM records r JOIN extracts e ON e.id = r.extract_id WHERE e.status = 'current';
