-- Each case's settled pattern (issue 16): final_us is the latest of its
-- rate marks, pattern what it adds to each rate from then on (the bits of
-- appeals/rates_pattern.go). The rates as of T count the cases settled by
-- T per unit, month and pattern over appeal_cases_settled, five narrow
-- columns, and compare the marks only of the few cases not yet settled,
-- found through appeal_cases_pending. The 16-column appeal_cases_rates
-- they replace was read in full for every report and written on every
-- change. Existing rows get the values appeals/marks.go would give them.
ALTER TABLE appeal_cases ADD COLUMN final_us {{.BigInt}} NOT NULL DEFAULT 0;
ALTER TABLE appeal_cases ADD COLUMN pattern {{.Int}} NOT NULL DEFAULT 0;
UPDATE appeal_cases SET final_us = received_us;
UPDATE appeal_cases SET final_us = assigned_us WHERE assigned_us > final_us;
UPDATE appeal_cases SET final_us = response_den_us WHERE response_den_us > final_us;
UPDATE appeal_cases SET final_us = response_num_us WHERE response_num_us > final_us;
UPDATE appeal_cases SET final_us = on_time_den_us WHERE on_time_den_us > final_us;
UPDATE appeal_cases SET final_us = on_time_num_us WHERE on_time_num_us > final_us;
UPDATE appeal_cases SET final_us = resolution_den_us WHERE resolution_den_us > final_us;
UPDATE appeal_cases SET final_us = resolution_num_us WHERE resolution_num_us > final_us;
UPDATE appeal_cases SET final_us = prev_callback_us WHERE prev_callback_us > final_us;
UPDATE appeal_cases SET final_us = callback_us WHERE callback_us > final_us;
UPDATE appeal_cases SET final_us = settled_den_us WHERE settled_den_us > final_us;
UPDATE appeal_cases SET final_us = settled_num_us WHERE settled_num_us > final_us;
UPDATE appeal_cases SET pattern =
  CASE WHEN assigned_us IS NULL THEN 0 ELSE 1 END
  + CASE WHEN response_num_us IS NULL THEN 0 ELSE 2 END
  + CASE WHEN response_den_us IS NULL THEN 0 ELSE 4 END
  + CASE WHEN on_time_num_us IS NULL THEN 0 ELSE 8 END
  + CASE WHEN on_time_den_us IS NULL THEN 0 ELSE 16 END
  + CASE WHEN resolution_num_us IS NULL THEN 0 ELSE 32 END
  + CASE WHEN resolution_den_us IS NULL THEN 0 ELSE 64 END
  + CASE (CASE WHEN callback_us IS NOT NULL THEN callback_score WHEN prev_callback_us IS NOT NULL THEN prev_callback_score END)
      WHEN 2 THEN 128 + 256 WHEN 1 THEN 256 ELSE 0 END
  + CASE WHEN settled_num_us IS NULL THEN 0 ELSE 512 END
  + CASE WHEN settled_den_us IS NULL THEN 0 ELSE 1024 END;
{{.DropIndex "appeal_cases_rates" "appeal_cases"}};
CREATE INDEX appeal_cases_settled ON appeal_cases (unit, received_month, pattern, received_us, final_us);
CREATE INDEX appeal_cases_pending ON appeal_cases (final_us);
