import { accountRepository } from './accounts.js';
import { ceremonyRepository } from './ceremonies.js';
import { challengeRepository } from './challenges.js';
import { credentialRepository } from './credentials.js';
import type { Db } from './database.js';
import { identityRepository } from './identities.js';
import { oidcTransactionRepository } from './oidc-transactions.js';
import { sessionRepository } from './sessions.js';

export function repositories(db: Db) {
  return {
    accounts: accountRepository(db),
    credentials: credentialRepository(db),
    challenges: challengeRepository(db),
    ceremonies: ceremonyRepository(db),
    sessions: sessionRepository(db),
    identities: identityRepository(db),
    oidcTransactions: oidcTransactionRepository(db),
    /** Runs fn in one SQLite transaction: all of its writes land, or none. */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}

export type Repositories = ReturnType<typeof repositories>;
export { openDatabase, migrate, listMigrations, type Db } from './database.js';
