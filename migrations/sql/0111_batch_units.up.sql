-- An invitation batch narrowed to some of its group's units (a station's
-- service users rate that station): a JSON list of unit codes, or NULL for
-- the group's units.
ALTER TABLE invitation_batches ADD COLUMN units {{.Text}} NULL;
