ALTER TABLE drafts DROP COLUMN screened;
