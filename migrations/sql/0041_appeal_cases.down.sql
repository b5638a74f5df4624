DROP TABLE appeal_cases;
