-- 009, two changes:
-- 1. Username skeletons are compared lower case (db/usernames.ts): the confusables table maps 〇 (U+3007) and 0 to
--    a capital O, so "b〇b" was stored beside "bob". The data step (009-skeletons-and-support-asks.ts) recomputes every
--    stored skeleton with the rules of 005: a look-alike found now is renamed and listed in username_collisions, never
--    lost. The unique index is dropped here and created again by the data step once the skeletons are new.
DROP INDEX accounts_username_skeleton;

-- 2. What support staff asked a customer to do at their next sign-in (issue 12 point 4), e.g. "add a passkey on this
--    PC". One row per account and kind; the row goes when the customer does it or declines (both audited).
CREATE TABLE support_asks (
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,                    -- add-passkey-here
  asked_by     INTEGER NOT NULL REFERENCES staff_members(id),
  asked_at     INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind)
) STRICT, WITHOUT ROWID;

-- 3. A self-check code names an account only when it was sent from a browser signed in to it. The typed name
--    (check_codes.username) is what the sender said, unverified: anyone can type "taro" (docs/decisions.md).
ALTER TABLE check_codes ADD COLUMN account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE;
