-- Identity proofing after a lost phone: a code sent to the owner's other channel, kept only as an HMAC, usable once,
-- from the browser that asked, for 10 minutes and 5 tries. Used and expired rows stay an hour: they count towards
-- the per-account sending cap.
CREATE TABLE recovery_codes (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  binding     TEXT NOT NULL,                     -- the browser that asked (signed ceremony-binding cookie id)
  code_hmac   TEXT NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER                            -- set when entered correctly, replaced or superseded by a recovery
) STRICT;
CREATE INDEX recovery_codes_account ON recovery_codes(account_id, created_at);

-- When each account last completed identity proofing: for a while after it, only a passkey registered before it may
-- delete passkeys or unlink logins.
CREATE TABLE account_recoveries (
  account_id    INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  recovered_at  INTEGER NOT NULL
) STRICT;
