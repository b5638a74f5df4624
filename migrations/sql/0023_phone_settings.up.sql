-- A campaign's calling rules and call script. Without a row the defaults of
-- phone.DefaultSettings apply.
CREATE TABLE phone_settings (
  campaign_id {{.BigInt}} NOT NULL PRIMARY KEY,
  group_code VARCHAR(64) NOT NULL,
  calling_hours VARCHAR(200) NOT NULL,
  calling_days VARCHAR(7) NOT NULL,
  max_attempts {{.Int}} NOT NULL,
  min_interval_minutes {{.Int}} NOT NULL,
  lease_minutes {{.Int}} NOT NULL,
  script {{.Text}} NOT NULL,
  updated_by VARCHAR(64) NOT NULL,
  updated_at {{.Time}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
) {{.Table}};
