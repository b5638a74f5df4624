-- Which units a respondent group rates (issue 11, item 2): NULL for every
-- unit of the campaign, else the group's "units" as the definition wrote
-- it: {"levels": [...]}, {"list": [...]} or "screen".
ALTER TABLE respondent_groups ADD COLUMN units {{.Text}} NULL;
