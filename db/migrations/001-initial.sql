-- Accounts are keyed by a random WebAuthn user handle, never by anything the user typed.
CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  user_handle   TEXT NOT NULL UNIQUE,            -- base64url of 32 random bytes
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE credentials (
  id               TEXT PRIMARY KEY,             -- base64url credential ID
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  public_key       BLOB NOT NULL,                -- COSE key
  counter          INTEGER NOT NULL,
  transports       TEXT,                         -- JSON array as reported; NULL when the client reported none
  device_type      TEXT NOT NULL,                -- singleDevice | multiDevice
  backed_up        INTEGER NOT NULL,
  aaguid           TEXT NOT NULL,
  attestation_fmt  TEXT NOT NULL,
  attachment       TEXT,                         -- platform | cross-platform | NULL
  cred_props_rk    INTEGER,                      -- credProps.rk, NULL when not reported
  label            TEXT,
  registered_client TEXT,                        -- JSON ClientInfo of the registering browser
  flagged_clone    INTEGER NOT NULL DEFAULT 0,   -- set when a counter went backwards
  created_at       INTEGER NOT NULL,
  last_used_at     INTEGER
) STRICT;
CREATE INDEX credentials_account ON credentials(account_id);

-- Challenges live in their own table so that consuming one is a single atomic DELETE ... RETURNING.
CREATE TABLE challenges (
  challenge   TEXT PRIMARY KEY,
  binding     TEXT NOT NULL,                     -- the browser it was issued to (signed cookie id)
  ceremony    TEXT NOT NULL,                     -- registration | authentication
  account_id  INTEGER,                           -- the account the options were built for (may not exist yet)
  context     TEXT NOT NULL,                     -- JSON: what verify needs (username, UV requirement, ...)
  expires_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX challenges_expiry ON challenges(expires_at);

CREATE TABLE ceremonies (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  username    TEXT,
  kind        TEXT NOT NULL,                     -- registration.options, authentication.verify, ...
  outcome     TEXT NOT NULL,                     -- issued | verified | rejected | cancelled | timed-out | error
  error_code  TEXT,
  challenge   TEXT,                              -- the options' challenge, to tie a failure report to its request
  options     TEXT,                              -- JSON
  response    TEXT,                              -- JSON
  client      TEXT,                              -- JSON ClientInfo
  prediction  TEXT,                              -- JSON dialog prediction
  detail      TEXT,                              -- JSON: anything else worth keeping (counter regressions, ...)
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX ceremonies_account ON ceremonies(account_id, id);
CREATE INDEX ceremonies_challenge ON ceremonies(challenge) WHERE challenge IS NOT NULL;

CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  data        TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT;
