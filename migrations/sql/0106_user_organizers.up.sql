-- The organisers an account belongs to (issue 11, item 3). Accounts that
-- existed before organisers belong to "default", whose campaigns are all
-- the campaigns they saw.
CREATE TABLE user_organizers (
  user_id {{.BigInt}} NOT NULL,
  organizer_code VARCHAR(64) NOT NULL,
  PRIMARY KEY (user_id, organizer_code),
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  FOREIGN KEY (organizer_code) REFERENCES organizers (code)
) {{.Table}};
INSERT INTO user_organizers (user_id, organizer_code) SELECT id, 'default' FROM users;
