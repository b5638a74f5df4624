DROP TABLE phone_settings;
