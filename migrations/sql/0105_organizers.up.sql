-- Organisers (issue 11, item 3): the city, its counties and townships.
-- A campaign belongs to one; a county's parent is its city, whose accounts
-- see the county's campaigns too. The organiser "default" is every
-- campaign's and every account's until others are created.
CREATE TABLE organizers (
  code VARCHAR(64) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  parent_code VARCHAR(64) NULL,
  created_at {{.Time}} NOT NULL,
  FOREIGN KEY (parent_code) REFERENCES organizers (code)
) {{.Table}};
INSERT INTO organizers (code, name, parent_code, created_at) VALUES ('default', '', NULL, CURRENT_TIMESTAMP);
-- Existing campaigns belong to "default" and their series is its code and
-- their period, so that "last year" is what it was before series existed:
-- the latest earlier campaign of the same period.
ALTER TABLE campaigns ADD COLUMN organizer_code VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE campaigns ADD COLUMN series VARCHAR(130) NOT NULL DEFAULT '';
UPDATE campaigns SET series = 'default-annual' WHERE period = 'annual';
UPDATE campaigns SET series = 'default-midyear' WHERE period = 'midyear';
CREATE INDEX campaigns_organizer ON campaigns (organizer_code);
CREATE INDEX campaigns_series ON campaigns (series, year);
