ALTER TABLE invitation_batches DROP COLUMN units;
