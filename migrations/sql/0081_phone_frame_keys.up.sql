-- Each phone frame's contacts are sealed under a data key of their own,
-- stored here only wrapped by the master key. Erasing a frame's contacts
-- deletes its row: every copy of what it sealed, in the database's pages,
-- logs, replicas and backups made after, becomes unreadable. Entries
-- sealed before this table existed stay under the master key.
CREATE TABLE phone_frame_keys (
  frame_id {{.BigInt}} NOT NULL PRIMARY KEY,
  wrapped {{.Blob}} NOT NULL,
  created_at {{.Time}} NOT NULL,
  FOREIGN KEY (frame_id) REFERENCES phone_frames (id)
) {{.Table}};
