-- A campaign and its structure, as the definition document of SPEC.md
-- describes it. Positions keep the document's order; they are frozen once a
-- campaign leaves draft, because stored answers refer to them.
CREATE TABLE campaigns (
  id {{.ID}},
  code VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  organizer VARCHAR(200) NOT NULL DEFAULT '',
  description {{.Text}} NULL,
  year {{.Int}} NOT NULL,
  period VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  min_sample {{.Int}} NOT NULL,
  bootstrap {{.Int}} NOT NULL,
  seed {{.BigInt}} NOT NULL,
  tie_decimals {{.Int}} NOT NULL,
  ahp {{.Text}} NULL,
  structure_version {{.Int}} NOT NULL DEFAULT 1,
  created_at {{.Time}} NOT NULL,
  updated_at {{.Time}} NOT NULL,
  opened_at {{.Time}} NULL,
  closed_at {{.Time}} NULL
) {{.Table}};
CREATE UNIQUE INDEX campaigns_code ON campaigns (code);
CREATE TABLE categories (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  code VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  position {{.Int}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
) {{.Table}};
CREATE UNIQUE INDEX categories_code ON categories (campaign_id, code);
CREATE TABLE units (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  code VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  category_id {{.BigInt}} NOT NULL,
  parent_id {{.BigInt}} NULL,
  level {{.Int}} NOT NULL,
  position {{.Int}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
  FOREIGN KEY (category_id) REFERENCES categories (id),
  FOREIGN KEY (parent_id) REFERENCES units (id)
) {{.Table}};
CREATE UNIQUE INDEX units_code ON units (campaign_id, code);
CREATE INDEX units_position ON units (campaign_id, position);
CREATE TABLE indicators (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  code VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  weight {{.Double}} NULL,
  auxiliary {{.Bool}} NOT NULL DEFAULT 0,
  position {{.Int}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
) {{.Table}};
CREATE UNIQUE INDEX indicators_code ON indicators (campaign_id, code);
CREATE TABLE scale_options (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  code VARCHAR(16) NOT NULL,
  label VARCHAR(64) NOT NULL,
  score {{.Double}} NULL,
  satisfied {{.Bool}} NOT NULL DEFAULT 0,
  excluded {{.Bool}} NOT NULL DEFAULT 0,
  position {{.Int}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
) {{.Table}};
CREATE UNIQUE INDEX scale_options_code ON scale_options (campaign_id, code);
CREATE TABLE respondent_groups (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  code VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  weight {{.Double}} NOT NULL,
  min_sample {{.Int}} NULL,
  open_link {{.Bool}} NOT NULL DEFAULT 0,
  position {{.Int}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
) {{.Table}};
CREATE UNIQUE INDEX respondent_groups_code ON respondent_groups (campaign_id, code);
