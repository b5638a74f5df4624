{{.DropIndex "campaigns_series" "campaigns"}};
{{.DropIndex "campaigns_organizer" "campaigns"}};
ALTER TABLE campaigns DROP COLUMN series;
ALTER TABLE campaigns DROP COLUMN organizer_code;
DROP TABLE organizers;
