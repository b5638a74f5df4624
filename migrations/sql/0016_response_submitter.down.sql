ALTER TABLE responses DROP COLUMN submitted_by;
