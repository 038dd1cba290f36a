-- An attendance sent in one extract must not be counted again from another
-- (the same rows re-sent under the next month's file name): ingest looks each
-- accepted row's attendance key up among the current extracts.
CREATE INDEX records_attendance_key ON records (attendance_key) WHERE attendance_key IS NOT NULL;
