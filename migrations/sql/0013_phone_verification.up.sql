-- Optional phone verification for the open link. Numbers are never stored:
-- only their keyed hash (secret.Phone), to hold one response per phone.
-- Codes are stored as keyed hashes, expire, and allow a few attempts.
CREATE TABLE phone_verifications (
  id {{.ID}},
  draft_id {{.BigInt}} NOT NULL,
  phone_hash CHAR(64) NOT NULL,
  code_hash CHAR(64) NOT NULL,
  attempts {{.Int}} NOT NULL DEFAULT 0,
  created_at {{.Time}} NOT NULL,
  expires_at {{.Time}} NOT NULL,
  verified_at {{.Time}} NULL,
  FOREIGN KEY (draft_id) REFERENCES drafts (id)
) {{.Table}};
CREATE INDEX phone_verifications_draft ON phone_verifications (draft_id, id);
CREATE TABLE phone_claims (
  campaign_id {{.BigInt}} NOT NULL,
  phone_hash CHAR(64) NOT NULL,
  response_id {{.BigInt}} NOT NULL,
  PRIMARY KEY (campaign_id, phone_hash),
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (response_id) REFERENCES responses (id)
) {{.Table}};
