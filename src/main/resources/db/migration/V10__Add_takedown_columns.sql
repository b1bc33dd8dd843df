-- Takedown. hidden_at: set by the admin command "hide" (the grid answers 410 Gone everywhere and
-- never comes up in /random), cleared by "unhide". delete_token_hash: SHA-256 of the delete token
-- the poster got in the POST /post answer (the token itself is never stored); NULL for legacy grids.
ALTER TABLE public_grids ADD COLUMN hidden_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE public_grids ADD COLUMN delete_token_hash BYTEA;
ALTER TABLE secret_grids ADD COLUMN hidden_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE secret_grids ADD COLUMN delete_token_hash BYTEA;
