-- External identities linked to an account, keyed by issuer + subject only (never by e-mail).
CREATE TABLE identities (
  id               INTEGER PRIMARY KEY,
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  provider         TEXT NOT NULL,                -- google | line
  issuer           TEXT NOT NULL,
  subject          TEXT NOT NULL,
  display_name     TEXT,
  linked_at        INTEGER NOT NULL,
  needs_reconfirm  INTEGER NOT NULL DEFAULT 0,   -- set by account recovery: the owner must confirm the link again
  UNIQUE (issuer, subject),
  UNIQUE (account_id, provider)
) STRICT;

-- One pending OpenID Connect login or link: PKCE verifier, state and nonce kept server-side, bound to the session.
CREATE TABLE oidc_transactions (
  state          TEXT PRIMARY KEY,
  session_id     TEXT NOT NULL,
  provider       TEXT NOT NULL,
  purpose        TEXT NOT NULL,                  -- login | link
  code_verifier  TEXT NOT NULL,
  nonce          TEXT NOT NULL,
  issuer         TEXT NOT NULL,
  account_id     INTEGER,
  expires_at     INTEGER NOT NULL
) STRICT;
