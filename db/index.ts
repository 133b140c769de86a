import { accountRepository } from './accounts.js';
import { ceremonyRepository } from './ceremonies.js';
import { challengeRepository } from './challenges.js';
import { checkCodeRepository } from './check-codes.js';
import { credentialRepository } from './credentials.js';
import type { Db } from './database.js';
import { GroupCommit } from './group-commit.js';
import { identityRepository } from './identities.js';
import { oidcTransactionRepository } from './oidc-transactions.js';
import { recoveryRepository } from './recovery.js';
import { sessionRepository } from './sessions.js';
import { signalRepository } from './signals.js';
import { strangerAttemptRepository } from './stranger-attempts.js';
import { auditRepository, staffRepository } from './staff.js';
import { supportAskRepository } from './support-asks.js';

/**
 * With a GroupCommit, every transaction joins the open shared one (as a savepoint);
 * without one (scripts, unit tests), each transaction commits on its own.
 */
export function repositories(db: Db, groupCommit?: GroupCommit) {
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn());
  return {
    accounts: accountRepository(db),
    credentials: credentialRepository(db),
    challenges: challengeRepository(db),
    ceremonies: ceremonyRepository(db),
    sessions: sessionRepository(db),
    identities: identityRepository(db),
    oidcTransactions: oidcTransactionRepository(db),
    recovery: recoveryRepository(db),
    signals: signalRepository(db),
    strangerAttempts: strangerAttemptRepository(db),
    staff: staffRepository(db),
    audit: auditRepository(db),
    checkCodes: checkCodeRepository(db),
    supportAsks: supportAskRepository(db),
    /**
     * Runs fn as one unit: all of its writes land, or none. Under the group commit it is a savepoint, committed with
     * its neighbours' a few milliseconds later; a reply waits for that commit (server/plugins/durable-replies.ts).
     */
    transaction: <T>(fn: () => T): T => (groupCommit ? groupCommit.run(fn) : (inTransaction(fn) as T)),
  };
}

export type Repositories = ReturnType<typeof repositories>;
export { openDatabase, migrate, listMigrations, watchDatabaseFile, type Db } from './database.js';
export { GroupCommit, type WriteLedger } from './group-commit.js';
export { startCheckpointer } from './checkpointer.js';
