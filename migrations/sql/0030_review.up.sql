-- The committee's review and the publication of its result.
--
-- review_settings holds a campaign's review parameters as JSON (quorum,
-- tiers, the thresholds of the quality flags); a campaign without a row
-- uses the defaults of review/settings.go.
CREATE TABLE review_settings (
  campaign_id {{.BigInt}} NOT NULL PRIMARY KEY,
  settings {{.Text}} NOT NULL,
  updated_at {{.Time}} NOT NULL,
  updated_by VARCHAR(64) NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
) {{.Table}};
-- A committee member's approval of one exact score run. Withdrawing keeps
-- the row (withdrawn_at); approving again clears it.
CREATE TABLE run_approvals (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  run_id {{.BigInt}} NOT NULL,
  user_id {{.BigInt}} NOT NULL,
  approved_at {{.Time}} NOT NULL,
  withdrawn_at {{.Time}} NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (run_id) REFERENCES score_runs (id),
  FOREIGN KEY (user_id) REFERENCES users (id)
) {{.Table}};
CREATE UNIQUE INDEX run_approvals_run_user ON run_approvals (run_id, user_id);
-- Published versions of a campaign's result. content is the exact JSON
-- document served for download; digest is its SHA-256, and the document
-- names the previous version's digest, so the versions form a chain.
-- Rows are only ever inserted.
CREATE TABLE publications (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  version {{.Int}} NOT NULL,
  run_id {{.BigInt}} NOT NULL,
  published_at {{.Time}} NOT NULL,
  published_by VARCHAR(64) NOT NULL,
  change_note {{.Text}} NULL,
  content {{.Blob}} NOT NULL,
  digest CHAR(64) NOT NULL,
  previous_digest CHAR(64) NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (run_id) REFERENCES score_runs (id)
) {{.Table}};
CREATE UNIQUE INDEX publications_version ON publications (campaign_id, version);
