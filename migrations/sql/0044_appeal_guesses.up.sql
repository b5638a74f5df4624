-- Wrong guesses at /q, per address and per case and per hour, counted in
-- the database because several serve processes answer /q. key_hash is a
-- keyed hash of the address or the case number, never the address itself.
CREATE TABLE appeal_guesses (
  scope VARCHAR(8) NOT NULL,
  key_hash CHAR(64) NOT NULL,
  hour {{.BigInt}} NOT NULL,
  n {{.Int}} NOT NULL,
  PRIMARY KEY (scope, key_hash, hour)
) {{.Table}};
CREATE INDEX appeal_guesses_hour ON appeal_guesses (hour);
