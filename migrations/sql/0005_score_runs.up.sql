-- Score runs: immutable records of computed results. A run keeps the exact
-- configuration it used, the seed, the digest of its inputs (so a re-run on
-- unchanged data is provably the same) and its results in SPEC's shape.
CREATE TABLE score_runs (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  created_at {{.Time}} NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  config {{.Text}} NOT NULL,
  seed {{.BigInt}} NOT NULL,
  input_digest CHAR(64) NOT NULL,
  responses {{.Int}} NOT NULL,
  excluded {{.Int}} NOT NULL,
  ratings {{.BigInt}} NOT NULL,
  units {{.Blob}} NOT NULL,
  result_digest CHAR(64) NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
) {{.Table}};
CREATE INDEX score_runs_campaign ON score_runs (campaign_id, id);
