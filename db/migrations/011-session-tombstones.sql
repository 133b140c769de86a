-- A session that was signed out or revoked stays as a tombstone until it would have expired. A request of that session
-- still under way when it was revoked saves it at its end (an upsert by id); the upsert leaves a tombstone alone, so a
-- revoked session never comes back.
ALTER TABLE sessions ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0;
