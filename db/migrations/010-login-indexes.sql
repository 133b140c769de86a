-- Two indexes every login writes or reads (docs/benchmark.md, "Session 8"):
-- 1. A login's options list the account's passkeys in registration order: with created_at in the index they come out
--    in that order, without a sort per login.
DROP INDEX credentials_account;
CREATE INDEX credentials_account ON credentials(account_id, created_at);

-- 2. The history is read by account only. Entries without an account (a stranger's options, a failure report) are
--    no longer indexed: every such entry wrote one more index page, and nothing looks them up by account.
DROP INDEX ceremonies_account;
CREATE INDEX ceremonies_account ON ceremonies(account_id, id) WHERE account_id IS NOT NULL;
