-- The recovery hold gets an end of its own. recovered_at stays the boundary (a passkey registered before it is the
-- owner's); a recovery while a hold runs moves only the end. Moving the boundary too let whoever completed a first
-- recovery make their own passkey "the owner's" by simply recovering again.
ALTER TABLE account_recoveries ADD COLUMN hold_until INTEGER;
UPDATE account_recoveries SET hold_until = recovered_at + 7 * 24 * 60 * 60 * 1000;
