-- Staff accounts, their browser sessions and their API tokens. Session ids
-- and tokens are stored only as SHA-256 digests.
CREATE TABLE users (
  id {{.ID}},
  login VARCHAR(64) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  role VARCHAR(16) NOT NULL,
  unit_code VARCHAR(64) NULL,
  password_hash VARCHAR(255) NOT NULL,
  must_change_password {{.Bool}} NOT NULL DEFAULT 0,
  failed_logins {{.Int}} NOT NULL DEFAULT 0,
  locked_until {{.Time}} NULL,
  disabled_at {{.Time}} NULL,
  created_at {{.Time}} NOT NULL,
  updated_at {{.Time}} NOT NULL
) {{.Table}};
CREATE UNIQUE INDEX users_login ON users (login);
CREATE TABLE sessions (
  id_hash CHAR(64) NOT NULL PRIMARY KEY,
  user_id {{.BigInt}} NOT NULL,
  created_at {{.Time}} NOT NULL,
  expires_at {{.Time}} NOT NULL,
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) {{.Table}};
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE api_tokens (
  id {{.ID}},
  user_id {{.BigInt}} NOT NULL,
  name VARCHAR(100) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  created_at {{.Time}} NOT NULL,
  last_used_at {{.Time}} NULL,
  revoked_at {{.Time}} NULL,
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) {{.Table}};
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
