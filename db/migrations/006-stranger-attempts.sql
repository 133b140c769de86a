-- Sign-in attempts on an account by a browser not signed in to it (options for a typed username, failure reports):
-- counted here, per day, outcome and source, never in the owner's ceremony history, and never with free text (no
-- user agent, no error message). The source is a keyed hash of the address, never the address itself.
CREATE TABLE stranger_attempts (
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  day         TEXT NOT NULL,                     -- UTC date, YYYY-MM-DD
  source      TEXT NOT NULL,                     -- HMAC of the source address; '*' once a day has too many sources
  outcome     TEXT NOT NULL,                     -- unfinished | cancelled | timed-out | error
  count       INTEGER NOT NULL,
  PRIMARY KEY (account_id, day, source, outcome)
) STRICT, WITHOUT ROWID;
