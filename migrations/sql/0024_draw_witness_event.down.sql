ALTER TABLE phone_draws DROP COLUMN witness_event_at;
