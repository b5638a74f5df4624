-- The append-only audit trail. Each entry's hash covers the previous hash,
-- so an edited or deleted entry breaks the chain; audit_head holds the
-- newest link, so removing the newest entries is detected too.
CREATE TABLE audit_log (
  seq {{.BigInt}} NOT NULL PRIMARY KEY,
  at {{.Time}} NOT NULL,
  actor VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  object VARCHAR(200) NOT NULL,
  detail {{.Text}} NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL
) {{.Table}};
CREATE INDEX audit_log_object ON audit_log (object);
CREATE TABLE audit_head (
  id {{.Int}} NOT NULL PRIMARY KEY,
  seq {{.BigInt}} NOT NULL,
  hash CHAR(64) NOT NULL
) {{.Table}};
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
