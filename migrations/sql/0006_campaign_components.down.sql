ALTER TABLE campaigns DROP COLUMN hotline;
ALTER TABLE campaigns DROP COLUMN components;
