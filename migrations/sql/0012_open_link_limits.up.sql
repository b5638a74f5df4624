-- How a campaign's open link defends itself, and the counters that do it.
-- Counters live here, not in a process's memory, because several serve
-- processes share one database: each (scope, keyed hash, hour) is one row
-- incremented by an upsert inside the transaction it limits.
CREATE TABLE collection_settings (
  campaign_id {{.BigInt}} NOT NULL PRIMARY KEY,
  submissions_per_ip_hour {{.Int}} NULL,
  phone_verification {{.Bool}} NOT NULL DEFAULT 0,
  updated_at {{.Time}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
) {{.Table}};
CREATE TABLE rate_counters (
  scope VARCHAR(40) NOT NULL,
  key_hash CHAR(64) NOT NULL,
  hour {{.BigInt}} NOT NULL,
  n {{.Int}} NOT NULL,
  PRIMARY KEY (scope, key_hash, hour)
) {{.Table}};
CREATE INDEX rate_counters_hour ON rate_counters (hour);
