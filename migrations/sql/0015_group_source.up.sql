-- Where a respondent group's responses come from (issue 17, item 5):
-- 'draw' (only the interviews of a phone draw's cases, which fix their
-- stratum and weight), 'external' (imported with weights of their own) or
-- '' (forms, invitations and imports).
ALTER TABLE respondent_groups ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT '';
