ALTER TABLE respondent_groups DROP COLUMN source;
