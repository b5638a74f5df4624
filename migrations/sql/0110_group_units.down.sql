ALTER TABLE respondent_groups DROP COLUMN units;
