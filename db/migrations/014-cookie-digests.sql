-- Session ids and ceremony bindings are stored as digests from now on (db/cookie-digest.ts), and their cookies carry
-- the bare id without a signature. The rows written before held the ids themselves: kept and re-keyed, an id read from
-- an old copy of this file would become a working cookie. So they go: every browser signs in once more, and a ceremony
-- or fallback login under way at the upgrade starts again. Accounts, passkeys, links and history are untouched.
DELETE FROM sessions;
DELETE FROM challenges;
DELETE FROM oidc_transactions;
DELETE FROM staff_challenges;
-- Recovery codes stay (the hourly sending cap counts them), but no longer name a browser: a code waiting to be entered
-- is spent, and the owner asks for a new one.
UPDATE recovery_codes SET binding = '', used_at = COALESCE(used_at, created_at);
