-- Session ids and ceremony bindings are stored as digests from now on (db/cookie-digest.ts), and their cookies carry
-- the bare id without a signature. The rows written before held the ids themselves: kept and re-keyed, an id read from
-- an old copy of this file would become a working cookie. So they go: every browser signs in once more, and a ceremony
-- or fallback login under way at the upgrade starts again. Accounts, passkeys, links and history are untouched.
DELETE FROM sessions;
DELETE FROM challenges;
DELETE FROM oidc_transactions;
