DROP TABLE signing_keys;
DROP TABLE publication_file_chunks;
DROP TABLE publication_files;
ALTER TABLE respondent_groups DROP COLUMN publish_data;
