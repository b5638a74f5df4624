-- A respondent's form: the answers so far, kept in the database so that a
-- respondent who leaves resumes where they stopped, whichever serve process
-- answers. An invitation's draft is keyed by the invitation (the link
-- resumes it on any device); an open-link draft by the keyed hash of the
-- device cookie. response_id is set inside the submission's transaction by
-- an update that must change exactly one row: that is what holds an open
-- link to one response per device.
CREATE TABLE drafts (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  invitation_id {{.BigInt}} NULL,
  device_hash CHAR(64) NULL,
  phone_hash CHAR(64) NULL,
  answers {{.Blob}} NULL,
  comments {{.Text}} NULL,
  page {{.Int}} NOT NULL DEFAULT 1,
  started_at {{.Time}} NOT NULL,
  updated_at {{.Time}} NOT NULL,
  response_id {{.BigInt}} NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (invitation_id) REFERENCES invitations (id),
  FOREIGN KEY (response_id) REFERENCES responses (id)
) {{.Table}};
CREATE UNIQUE INDEX drafts_invitation ON drafts (invitation_id);
CREATE UNIQUE INDEX drafts_device ON drafts (campaign_id, device_hash);
