-- Challenges and sessions are written on every ceremony. As WITHOUT ROWID tables keyed by their random id they are
-- one B-tree each, so a commit writes one page per row instead of two or three (rowid table, primary-key index,
-- expiry index). The once-a-minute sweep of expired rows scans instead: cheaper than an index kept on every write.
CREATE TABLE challenges_v3 (
  challenge   TEXT PRIMARY KEY,
  binding     TEXT NOT NULL,                     -- the browser it was issued to (signed cookie id)
  ceremony    TEXT NOT NULL,                     -- registration | authentication
  account_id  INTEGER,                           -- the account the options were built for (may not exist yet)
  context     TEXT NOT NULL,                     -- JSON: what verify needs (username, UV requirement, ...)
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO challenges_v3 SELECT challenge, binding, ceremony, account_id, context, expires_at FROM challenges;
DROP TABLE challenges;
ALTER TABLE challenges_v3 RENAME TO challenges;

CREATE TABLE sessions_v3 (
  id          TEXT PRIMARY KEY,
  data        TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO sessions_v3 SELECT id, data, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v3 RENAME TO sessions;
