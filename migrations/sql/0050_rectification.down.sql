DROP TABLE rectification_proposals;
DROP TABLE rectification_files;
DROP TABLE rectification_steps;
DROP TABLE rectification_tasks;
