DROP TABLE phone_attempts;
DROP TABLE phone_cases;
