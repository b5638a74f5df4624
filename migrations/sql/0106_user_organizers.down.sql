DROP TABLE user_organizers;
