-- A verifiable draw (sampling/seed.go has the protocol): planned (frame
-- frozen and digested, allocation fixed, seed committed and sealed), then
-- witnessed, then executed (sample stored, seed revealed). One per campaign.
CREATE TABLE phone_draws (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  frame_id {{.BigInt}} NOT NULL,
  status VARCHAR(16) NOT NULL,
  version VARCHAR(32) NOT NULL,
  design VARCHAR(16) NOT NULL,
  method VARCHAR(16) NOT NULL,
  completes {{.Int}} NOT NULL,
  minimum {{.Int}} NOT NULL,
  response_rate {{.Double}} NOT NULL,
  replicates {{.Int}} NOT NULL,
  contacted_months {{.Int}} NOT NULL,
  excluded_dnc {{.Int}} NOT NULL,
  excluded_contacted {{.Int}} NOT NULL,
  frame_digest CHAR(64) NOT NULL,
  frame_entries {{.BigInt}} NOT NULL,
  commitment CHAR(64) NOT NULL,
  seed_sealed {{.Blob}} NOT NULL,
  seed CHAR(64) NULL,
  witness {{.Text}} NULL,
  sample_digest CHAR(64) NULL,
  planned_by VARCHAR(64) NOT NULL,
  planned_at {{.Time}} NOT NULL,
  witnessed_by VARCHAR(64) NULL,
  witnessed_at {{.Time}} NULL,
  executed_by VARCHAR(64) NULL,
  executed_at {{.Time}} NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  FOREIGN KEY (frame_id) REFERENCES phone_frames (id)
) {{.Table}};
CREATE UNIQUE INDEX phone_draws_campaign ON phone_draws (campaign_id);
CREATE UNIQUE INDEX phone_draws_frame ON phone_draws (frame_id);
-- Per stratum (unit): its frame size N_h, its quota of completes, the cases
-- drawn (the allocation the draw record publishes), the replicate size and
-- how many cases are released so far (the n_h of the design weight).
CREATE TABLE phone_draw_strata (
  draw_id {{.BigInt}} NOT NULL,
  stratum VARCHAR(64) NOT NULL,
  frame_size {{.Int}} NOT NULL,
  sd {{.Double}} NULL,
  quota {{.Int}} NOT NULL,
  drawn {{.Int}} NOT NULL,
  batch_size {{.Int}} NOT NULL,
  released {{.Int}} NOT NULL DEFAULT 0,
  released_replicates {{.Int}} NOT NULL DEFAULT 0,
  completes {{.Int}} NOT NULL DEFAULT 0,
  PRIMARY KEY (draw_id, stratum),
  FOREIGN KEY (draw_id) REFERENCES phone_draws (id)
) {{.Table}};
