-- Public data per published version (issue 17).
--
-- publish_data: whether a group's responses are published with each
-- version ('responses') or withheld ('none').
ALTER TABLE respondent_groups ADD COLUMN publish_data VARCHAR(16) NOT NULL DEFAULT 'responses';
-- The files a version serves beside publication.json (responses.csv,
-- appeals.csv, publication.json.sig). sha256, size and data_rows describe
-- the file as served; its bytes are gzip-compressed in chunks of a few MB
-- (publication_file_chunks), since a large campaign's responses.csv is
-- larger than one MySQL packet or MEDIUMBLOB. Rows are only ever
-- inserted; publication.json names each data file's SHA-256.
CREATE TABLE publication_files (
  id {{.ID}},
  publication_id {{.BigInt}} NOT NULL,
  name VARCHAR(64) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  size {{.BigInt}} NOT NULL,
  data_rows {{.BigInt}} NOT NULL,
  FOREIGN KEY (publication_id) REFERENCES publications (id)
) {{.Table}};
CREATE UNIQUE INDEX publication_files_name ON publication_files (publication_id, name);
CREATE TABLE publication_file_chunks (
  file_id {{.BigInt}} NOT NULL,
  seq {{.Int}} NOT NULL,
  content {{.Blob}} NOT NULL,
  PRIMARY KEY (file_id, seq),
  FOREIGN KEY (file_id) REFERENCES publication_files (id)
) {{.Table}};
-- Every organiser's signing keys, current (valid_to NULL) and retired.
-- Only the public halves: the private keys never enter the database.
CREATE TABLE signing_keys (
  key_id VARCHAR(64) NOT NULL PRIMARY KEY,
  organizer VARCHAR(64) NOT NULL,
  algorithm VARCHAR(16) NOT NULL,
  public_key VARCHAR(256) NOT NULL,
  valid_from {{.Time}} NOT NULL,
  valid_to {{.Time}} NULL
) {{.Table}};
