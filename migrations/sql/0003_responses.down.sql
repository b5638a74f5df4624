DROP TABLE exclusions;
DROP TABLE response_comments;
DROP TABLE responses;
