-- The public event a draw's witness names (a lottery result, digits a
-- supervisor called out) and when it took place: after the draw was
-- planned, or the witness could have been known when the seed was
-- committed (issue 17, item 6). NULL for draws witnessed before this rule.
ALTER TABLE phone_draws ADD COLUMN witness_event_at {{.Time}} NULL;
