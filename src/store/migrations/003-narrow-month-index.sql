-- The month index named (assault_month, lsoa_code, weapon), but every query that
-- uses it also needs extract_id from the row (the current_records view joins
-- extracts), so the extra columns never made it a covering index. They did make
-- each insert land at a random place in a wide B-tree, which cost a third of the
-- time of storing a record. Keyed on the month alone, an extract's records (mostly
-- one month, ascending rowids) append at the end of their month's range.
DROP INDEX records_month;
CREATE INDEX records_month ON records(assault_month);
