DROP TABLE publications;
DROP TABLE run_approvals;
DROP TABLE review_settings;
