-- Each ledger year's contacts are sealed under a data key of their own,
-- stored here only wrapped by the master key: deleting a year's row erases
-- that year's contacts everywhere, backups included.
CREATE TABLE appeal_keys (
  year {{.Int}} NOT NULL PRIMARY KEY,
  wrapped {{.Blob}} NOT NULL,
  created_at {{.Time}} NOT NULL
) {{.Table}};
