DROP TABLE invitations;
DROP TABLE invitation_batches;
