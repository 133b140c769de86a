-- Usernames are stored in their canonical form (db/usernames.ts: NFKC, trimmed, case-folded, no invisible
-- characters, no spoofing script mixes) next to their UTS #39 skeleton, which is unique: two names that read the same
-- cannot both exist. The rows already stored are rewritten by this migration's data step (005-canonical-usernames.ts);
-- an account whose name collides with an earlier one, or is no longer allowed, is renamed and listed here, never lost.
ALTER TABLE accounts ADD COLUMN username_skeleton TEXT;

CREATE TABLE username_collisions (
  id                 INTEGER PRIMARY KEY,
  account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  original_username  TEXT NOT NULL,              -- as it was stored before 005
  renamed_to         TEXT NOT NULL,              -- renamed-<account id>: reserved, nobody can sign up with it
  reason             TEXT NOT NULL,              -- same-name | look-alike | not-allowed:<problem>
  collides_with      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  detected_at        INTEGER NOT NULL
) STRICT;

-- Linked logins are found by provider + subject (the mock providers' issuer URL carries IDP_PORT, which may change
-- between runs). A demo identity linked twice under two ports keeps its first link.
DELETE FROM identities WHERE id NOT IN (SELECT MIN(id) FROM identities GROUP BY provider, subject);
CREATE UNIQUE INDEX identities_provider_subject ON identities(provider, subject);
