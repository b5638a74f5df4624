DROP TABLE respondent_groups;
DROP TABLE scale_options;
DROP TABLE indicators;
DROP TABLE units;
DROP TABLE categories;
DROP TABLE campaigns;
