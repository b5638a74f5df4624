-- The phone survey's sampling frames: the contact lists units provide, one
-- frame per campaign, frozen when a draw is planned on it. A number is kept
-- only sealed (AES-GCM under a key that is never in the database) and is
-- matched by keyed hashes: phone_key (per campaign, what the draw ranks and
-- the frame digest covers) and match_hash (the same for every campaign, for
-- the do-not-call list and the "recently contacted" exclusion). Erasing a
-- frame's numbers nulls the sealed columns and keeps the keys, so the draw
-- stays verifiable.
CREATE TABLE phone_frames (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  entries {{.BigInt}} NOT NULL DEFAULT 0,
  created_at {{.Time}} NOT NULL,
  frozen_at {{.Time}} NULL,
  erased_at {{.Time}} NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
) {{.Table}};
CREATE UNIQUE INDEX phone_frames_campaign ON phone_frames (campaign_id);
CREATE TABLE phone_frame_imports (
  id {{.ID}},
  frame_id {{.BigInt}} NOT NULL,
  file_name VARCHAR(200) NOT NULL,
  rows_read {{.Int}} NOT NULL,
  added {{.Int}} NOT NULL,
  duplicates {{.Int}} NOT NULL,
  do_not_call {{.Int}} NOT NULL,
  invalid {{.Int}} NOT NULL,
  imported_by VARCHAR(64) NOT NULL,
  imported_at {{.Time}} NOT NULL,
  FOREIGN KEY (frame_id) REFERENCES phone_frames (id)
) {{.Table}};
CREATE INDEX phone_frame_imports_frame ON phone_frame_imports (frame_id);
-- stratum and phone_key are streamed in byte order per stratum through the
-- unique index; phone_key is lowercase hex, whose order is the same under
-- every collation.
CREATE TABLE phone_frame_entries (
  id {{.ID}},
  frame_id {{.BigInt}} NOT NULL,
  import_id {{.BigInt}} NOT NULL,
  line {{.Int}} NOT NULL,
  stratum VARCHAR(64) NOT NULL,
  phone_key CHAR(64) NOT NULL,
  match_hash CHAR(64) NOT NULL,
  phone_sealed {{.Blob}} NULL,
  name_sealed {{.Blob}} NULL,
  service_date VARCHAR(10) NULL,
  district VARCHAR(64) NULL,
  FOREIGN KEY (frame_id) REFERENCES phone_frames (id)
) {{.Table}};
CREATE UNIQUE INDEX phone_frame_entries_key ON phone_frame_entries (frame_id, stratum, phone_key);
-- People who asked never to be called, as keyed hashes only.
CREATE TABLE phone_do_not_call (
  match_hash CHAR(64) NOT NULL PRIMARY KEY,
  added_by VARCHAR(64) NOT NULL,
  added_at {{.Time}} NOT NULL
) {{.Table}};
