-- Police recorded crime beside the ED data (police.uk street-level files, or a
-- force's own extract through a column mapping). Open data, but kept to what
-- istv uses: no Crime ID (police.uk re-issues past months with new IDs, so it is
-- no key), no LSOA name, no context text.

-- One import of one force's month from one file: the provenance of every row.
CREATE TABLE police_imports (
  id                INTEGER PRIMARY KEY,
  force             TEXT NOT NULL,
  -- YYYY-MM.
  month             TEXT NOT NULL,
  -- Base name of the file given (never a path), and the entry inside it when it is an archive.
  file_name         TEXT NOT NULL,
  entry_name        TEXT,
  -- SHA-256 of the file given (the archive, for an entry).
  sha256            TEXT NOT NULL,
  -- 'police.uk', or the name of the column mapping that read it.
  format            TEXT NOT NULL,
  imported_at       TEXT NOT NULL,
  -- Rows of this force and month in the file, and how many were kept.
  rows_read         INTEGER NOT NULL,
  rows_kept         INTEGER NOT NULL,
  -- Rows not kept, by reason: { "crime type not kept": n, "LSOA outside the area": n, ... }.
  dropped_json      TEXT NOT NULL,
  -- The crime types this import kept (JSON array, sorted).
  crime_types_json  TEXT NOT NULL,
  gazetteer_version TEXT,
  status            TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
  superseded_by     INTEGER REFERENCES police_imports(id),
  CHECK (rows_kept <= rows_read)
);
CREATE INDEX police_imports_force_month ON police_imports(force, month, status);

CREATE TABLE police_crimes (
  id            INTEGER PRIMARY KEY,
  import_id     INTEGER NOT NULL REFERENCES police_imports(id) ON DELETE CASCADE,
  month         TEXT NOT NULL,
  lsoa_code     TEXT NOT NULL,
  -- police.uk's anonymised point (a map point near the crime), WGS84; null when the file had none.
  longitude     REAL,
  latitude      REAL,
  -- "On or near …" as published.
  location_text TEXT,
  crime_type    TEXT NOT NULL,
  outcome       TEXT
);
CREATE INDEX police_crimes_import ON police_crimes(import_id);
CREATE INDEX police_crimes_month ON police_crimes(month, lsoa_code);

-- The crimes of the current import of every force and month: what every report reads.
CREATE VIEW current_police_crimes AS
  SELECT c.* FROM police_crimes c JOIN police_imports i ON i.id = c.import_id WHERE i.status = 'current';
