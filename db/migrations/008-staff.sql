-- Support staff: their own identities, passkeys and invites, apart from customer accounts (a customer session can
-- never become a staff session by id collision: the tables and the session flag are separate).
CREATE TABLE staff_members (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  user_handle  TEXT NOT NULL UNIQUE,             -- base64url of 32 random bytes (WebAuthn user.id)
  invited_by   INTEGER REFERENCES staff_members(id),
  created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE staff_credentials (
  id           TEXT PRIMARY KEY,                 -- base64url credential ID
  staff_id     INTEGER NOT NULL REFERENCES staff_members(id) ON DELETE CASCADE,
  public_key   BLOB NOT NULL,
  counter      INTEGER NOT NULL,
  transports   TEXT,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
) STRICT;
CREATE INDEX staff_credentials_staff ON staff_credentials(staff_id);

-- Enrollment links: only the SHA-256 of the token is kept; single use (used_at), 24 hours (expires_at).
CREATE TABLE staff_invites (
  token_hash   TEXT PRIMARY KEY,
  created_by   INTEGER REFERENCES staff_members(id),  -- NULL: printed by the server at first start or by npm run staff:invite
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER,
  used_by      INTEGER REFERENCES staff_members(id)
) STRICT, WITHOUT ROWID;

-- Staff ceremonies' challenges, apart from customers' so neither side can answer the other's.
CREATE TABLE staff_challenges (
  challenge    TEXT PRIMARY KEY,
  binding      TEXT NOT NULL,
  ceremony     TEXT NOT NULL,                    -- enroll | login
  context      TEXT NOT NULL,                    -- JSON
  expires_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- What staff looked at and changed. Append-only: the triggers refuse every UPDATE and DELETE, whoever asks.
CREATE TABLE support_audit (
  id           INTEGER PRIMARY KEY,
  staff_id     INTEGER NOT NULL REFERENCES staff_members(id),
  action       TEXT NOT NULL,                    -- account.lookup | invite.create | ...
  subject      TEXT,                             -- the username looked up, ...
  detail       TEXT,                             -- JSON
  created_at   INTEGER NOT NULL
) STRICT;
CREATE TRIGGER support_audit_no_update BEFORE UPDATE ON support_audit BEGIN SELECT RAISE(ABORT, 'support_audit is append-only'); END;
CREATE TRIGGER support_audit_no_delete BEFORE DELETE ON support_audit BEGIN SELECT RAISE(ABORT, 'support_audit is append-only'); END;

-- Self-check results a customer chose to send to support: what the browser detected and the answers given, never
-- credential data. Found by a short code, kept only as its SHA-256, for 24 hours.
CREATE TABLE check_codes (
  code_hash    TEXT PRIMARY KEY,
  username     TEXT,                             -- as the customer typed it (optional)
  facts        TEXT NOT NULL,                    -- JSON: detected facts and answers
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
