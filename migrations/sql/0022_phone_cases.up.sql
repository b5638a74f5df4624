-- The drawn cases and the call queue. A case is pending until its replicate
-- is released, open while it may be called, closed at its final
-- disposition. Due cases are called by priority (0: an appointment, 1: the
-- rest), then by queue_at, then by position, so that a released replicate
-- is called across all units at once rather than unit after unit; all
-- ascending, so that the queue index serves the order. The lease (owner, expiry) is the queue's lock: it lives here,
-- so every serve process sees it, and it expires on its own when an
-- operator goes away. One held case per operator and campaign is a unique
-- index (NULL owners do not collide). draw_key is the case's key as the
-- draw ranked it: the entry's phone_key in a stratified draw, "UNIT KEY" in
-- a simple random one, whose one stratum is "*".
CREATE TABLE phone_cases (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  draw_id {{.BigInt}} NOT NULL,
  entry_id {{.BigInt}} NOT NULL,
  stratum VARCHAR(64) NOT NULL,
  unit VARCHAR(64) NOT NULL,
  draw_key VARCHAR(160) NOT NULL,
  match_hash CHAR(64) NOT NULL,
  position {{.Int}} NOT NULL,
  replicate {{.Int}} NOT NULL,
  status VARCHAR(8) NOT NULL,
  priority {{.Int}} NOT NULL DEFAULT 1,
  queue_at {{.Time}} NULL,
  appointment_at {{.Time}} NULL,
  attempts {{.Int}} NOT NULL DEFAULT 0,
  disposition VARCHAR(8) NULL,
  last_operator_id {{.BigInt}} NULL,
  last_attempt_at {{.Time}} NULL,
  lease_owner {{.BigInt}} NULL,
  leased_at {{.Time}} NULL,
  lease_expires_at {{.Time}} NULL,
  response_id {{.BigInt}} NULL,
  released_at {{.Time}} NULL,
  closed_at {{.Time}} NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (draw_id) REFERENCES phone_draws (id),
  FOREIGN KEY (entry_id) REFERENCES phone_frame_entries (id),
  FOREIGN KEY (lease_owner) REFERENCES users (id),
  FOREIGN KEY (response_id) REFERENCES responses (id)
) {{.Table}};
CREATE UNIQUE INDEX phone_cases_position ON phone_cases (draw_id, stratum, position);
CREATE UNIQUE INDEX phone_cases_lease ON phone_cases (campaign_id, lease_owner);
CREATE UNIQUE INDEX phone_cases_response ON phone_cases (response_id);
CREATE INDEX phone_cases_queue ON phone_cases (campaign_id, status, priority, queue_at, position);
CREATE INDEX phone_cases_contacted ON phone_cases (last_attempt_at);
-- Every call attempt with its AAPOR disposition. (case_id, number) is
-- unique, so one attempt can never be recorded twice.
CREATE TABLE phone_attempts (
  id {{.ID}},
  case_id {{.BigInt}} NOT NULL,
  campaign_id {{.BigInt}} NOT NULL,
  operator_id {{.BigInt}} NOT NULL,
  number {{.Int}} NOT NULL,
  disposition VARCHAR(8) NOT NULL,
  appointment_at {{.Time}} NULL,
  started_at {{.Time}} NOT NULL,
  recorded_at {{.Time}} NOT NULL,
  FOREIGN KEY (case_id) REFERENCES phone_cases (id),
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (operator_id) REFERENCES users (id)
) {{.Table}};
CREATE UNIQUE INDEX phone_attempts_number ON phone_attempts (case_id, number);
CREATE INDEX phone_attempts_campaign ON phone_attempts (campaign_id, recorded_at);
