// `npm run staff:remove -- <id>`: removes a support staff member (a lost laptop, someone who left), for the data folder
// the lab uses (the same environment variables as npm start). Without an id it lists the members. The running lab sees
// it at once (one SQLite file): the member's console sessions are refused from their next request, their passkeys no
// longer sign in, and the invitation links they made and nobody used stop working. The audit log keeps their entries.
import { openDatabase, repositories } from '../../db/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { removeStaffMember } from './staff-removal.js';

try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const repos = repositories(db);
  const argument = process.argv[2];
  if (argument === undefined) {
    const members = repos.staff.list();
    console.log(members.length ? 'Support staff (id, name, enrolled, removed):' : 'No support staff enrolled yet.');
    for (const member of members) {
      const removed = member.removedAt === null ? '' : `  removed ${new Date(member.removedAt).toISOString()}`;
      console.log(`  ${member.id}  ${member.name}  ${new Date(member.createdAt).toISOString()}${removed}`);
    }
    console.log('Remove one with: npm run staff:remove -- <id>');
  } else {
    const removed = /^[0-9]{1,9}$/.test(argument) ? removeStaffMember(repos, Number(argument)) : undefined;
    db.close();
    if (!removed) {
      console.error(`No current staff member has the id "${argument}". Run npm run staff:remove to list them.`);
      process.exit(1);
    }
    console.log(`Removed ${removed.name} (id ${removed.id}).`);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
