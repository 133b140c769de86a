-- A failure report finds the options it explains in the pending challenge (they are stored with it), so the log no
-- longer needs an index by challenge. Its keys are random: every login wrote one more page for it (~7 % of a login).
DROP INDEX IF EXISTS ceremonies_challenge;
