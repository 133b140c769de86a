import type { Repositories } from '../../db/index.js';
import type { StaffMember } from '../../db/staff.js';

/**
 * Removes a staff member, and withdraws their unanswered asks, in one transaction with its audit entry (filed under the member, done by the terminal: only
 * the lab's owner, who runs it, can remove staff). Returns the member removed, or undefined if there was none.
 */
export function removeStaffMember(repos: Repositories, id: number, now = Date.now()): StaffMember | undefined {
  return repos.transaction(() => {
    const member = repos.staff.findById(id);
    if (!member || !repos.staff.remove(id, now)) return undefined;
    // What they asked customers to do and nobody answered yet goes too: it is theirs, like their invitation links.
    const asksWithdrawn = repos.supportAsks.withdrawBy(id);
    repos.audit.append(id, 'staff.removed', member.name, { by: 'terminal', asksWithdrawn }, now);
    return member;
  });
}
