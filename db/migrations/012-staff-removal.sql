-- A staff member removed by the lab's owner (npm run staff:remove): kept, so the audit log still names them, but no
-- longer a member: their sessions, passkeys and unused invitation links stop working.
ALTER TABLE staff_members ADD COLUMN removed_at INTEGER;
