{{.DropIndex "appeal_cases_pending" "appeal_cases"}};
{{.DropIndex "appeal_cases_settled" "appeal_cases"}};
CREATE INDEX appeal_cases_rates ON appeal_cases (unit, received_month, received_us, assigned_us,
  response_den_us, response_num_us, on_time_den_us, on_time_num_us, resolution_den_us, resolution_num_us,
  callback_us, callback_score, prev_callback_us, prev_callback_score, settled_den_us, settled_num_us);
ALTER TABLE appeal_cases DROP COLUMN pattern;
ALTER TABLE appeal_cases DROP COLUMN final_us;
