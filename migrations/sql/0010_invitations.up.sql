-- Invitation links for the groups that answer by invitation (deputies,
-- supervisors, enterprises). Each token is a MAC of (batch id, sequence)
-- under the invitation key: the database keeps only its digest, yet an
-- administrator can export a batch again. used_at is set inside the
-- submission's transaction by an update that must change exactly one row,
-- so one token can never carry two responses.
CREATE TABLE invitation_batches (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  group_id {{.BigInt}} NOT NULL,
  label VARCHAR(200) NOT NULL DEFAULT '',
  size {{.Int}} NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at {{.Time}} NOT NULL,
  revoked_at {{.Time}} NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (group_id) REFERENCES respondent_groups (id)
) {{.Table}};
CREATE INDEX invitation_batches_campaign ON invitation_batches (campaign_id);
CREATE TABLE invitations (
  id {{.ID}},
  batch_id {{.BigInt}} NOT NULL,
  seq {{.Int}} NOT NULL,
  token_hash CHAR(64) NOT NULL,
  used_at {{.Time}} NULL,
  response_id {{.BigInt}} NULL,
  revoked_at {{.Time}} NULL,
  FOREIGN KEY (batch_id) REFERENCES invitation_batches (id),
  FOREIGN KEY (response_id) REFERENCES responses (id)
) {{.Table}};
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);
CREATE UNIQUE INDEX invitations_seq ON invitations (batch_id, seq);
