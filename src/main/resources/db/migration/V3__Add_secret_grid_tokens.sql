-- New secret grids are addressed by a random token (at least 96 random bits) instead of the
-- salted hash of a counter, which anyone who learns the salt could enumerate. Legacy secret grids
-- keep a NULL token and stay reachable by their hash id only.
ALTER TABLE secret_grids ADD COLUMN token TEXT;
ALTER TABLE secret_grids ADD CONSTRAINT secret_grids_token_key UNIQUE (token);
