DROP TABLE phone_claims;
DROP TABLE phone_verifications;
