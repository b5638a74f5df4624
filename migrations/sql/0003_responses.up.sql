-- One row per response. The ratings travel in `answers`, a compact binary
-- matrix (survey/answers.go): a big city's campaign holds 14 M ratings, and
-- one row per rating would make both the submission path (328 rows per
-- form) and the score run (reading them all) an order of magnitude slower.
CREATE TABLE responses (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  ref VARCHAR(64) NOT NULL,
  group_id {{.BigInt}} NOT NULL,
  stratum VARCHAR(64) NOT NULL DEFAULT '',
  weight {{.Double}} NOT NULL,
  channel VARCHAR(8) NOT NULL,
  submitted_at {{.Time}} NOT NULL,
  started_at {{.Time}} NULL,
  idempotency_key VARCHAR(128) NULL,
  ip_hash CHAR(64) NULL,
  device_hash CHAR(64) NULL,
  answers {{.Blob}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (group_id) REFERENCES respondent_groups (id)
) {{.Table}};
CREATE UNIQUE INDEX responses_ref ON responses (campaign_id, ref);
CREATE UNIQUE INDEX responses_idempotency ON responses (campaign_id, idempotency_key);
CREATE INDEX responses_group ON responses (group_id);
CREATE TABLE response_comments (
  response_id {{.BigInt}} NOT NULL,
  unit_id {{.BigInt}} NOT NULL,
  body {{.Text}} NOT NULL,
  PRIMARY KEY (response_id, unit_id),
  FOREIGN KEY (response_id) REFERENCES responses (id) ON DELETE CASCADE,
  FOREIGN KEY (unit_id) REFERENCES units (id)
) {{.Table}};
CREATE INDEX response_comments_unit ON response_comments (unit_id);
-- A committee's exclusion of a response: never a deletion, reversible, and
-- always with who, when and why.
CREATE TABLE exclusions (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  response_id {{.BigInt}} NOT NULL,
  reason {{.Text}} NOT NULL,
  batch VARCHAR(64) NULL,
  created_by {{.BigInt}} NOT NULL,
  created_at {{.Time}} NOT NULL,
  revoked_by {{.BigInt}} NULL,
  revoked_at {{.Time}} NULL,
  revoke_reason {{.Text}} NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (response_id) REFERENCES responses (id),
  FOREIGN KEY (created_by) REFERENCES users (id),
  FOREIGN KEY (revoked_by) REFERENCES users (id)
) {{.Table}};
CREATE INDEX exclusions_response ON exclusions (response_id);
CREATE INDEX exclusions_campaign ON exclusions (campaign_id, revoked_at);
