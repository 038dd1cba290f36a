-- Who holds the data dir (and who runs the scheduler): a row per lock name.
-- The store, not a file beside it, is the authority, so deleting a file cannot
-- let two holders run; the row is taken inside a write transaction.
CREATE TABLE locks (
  name TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  boot_id TEXT,
  token TEXT NOT NULL,
  command TEXT NOT NULL,
  started_at TEXT NOT NULL
) STRICT;
