-- Which site and reporting month a refused (quarantined) file was for, where the
-- file name or its rows said so. Reports name the site whose file was refused, so
-- that a month with a refused file reads as missing data, never as a fall in violence.
ALTER TABLE intake_events ADD COLUMN site_code TEXT;
ALTER TABLE intake_events ADD COLUMN period TEXT;
