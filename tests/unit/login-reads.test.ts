import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, repositories } from '../../db/index.js';
import { newCredential } from '../support/credentials.js';

// A login reads with one statement where it used two (docs/benchmark.md, "Session 9: the database side"): each joined
// read must answer exactly what the two separate reads answer.
const setUp = () => {
  const db = new Database(':memory:');
  migrate(db);
  db.pragma('foreign_keys = ON');
  const repos = repositories(db);
  const ana = repos.accounts.create('ana', 'Ana', 'handle-ana', 1000);
  const bob = repos.accounts.create('bob', 'Bob', 'handle-bob', 1001);
  repos.accounts.create('carol', 'Carol', 'handle-carol', 1002); // no passkeys
  // Created out of id order, with a registered client on one, so that order and every column are checked.
  repos.credentials.create(newCredential({ id: 'ana-2', accountId: ana.id, label: 'second' }), 3000);
  repos.credentials.create(
    newCredential({
      id: 'ana-1',
      accountId: ana.id,
      transports: null,
      attachment: null,
      credPropsRk: null,
      deviceType: 'singleDevice',
      backedUp: false,
      registeredClient: { userAgent: 'UA', platform: 'Linux' },
    }),
    2000,
  );
  repos.credentials.create(newCredential({ id: 'ana-3', accountId: ana.id, publicKey: new Uint8Array([9, 9]) }), 4000);
  repos.credentials.create(newCredential({ id: 'bob-1', accountId: bob.id }), 2500);
  repos.credentials.recordUse('ana-3', 7, false, 5000);
  return { db, repos };
};

describe("a login's joined reads", () => {
  it('the options read: the named account and its passkeys, oldest first, as the two reads give them', () => {
    const { repos } = setUp();
    for (const username of ['ana', 'bob', 'carol']) {
      const account = repos.accounts.findByUsername(username)!;
      expect(repos.credentials.findAccountWithPasskeys(username)).toEqual({
        account,
        credentials: repos.credentials.listForAccount(account.id),
      });
    }
    expect(repos.credentials.findAccountWithPasskeys('ana')!.credentials.map((c) => c.id)).toEqual([
      'ana-1',
      'ana-2',
      'ana-3',
    ]);
    expect(repos.credentials.findAccountWithPasskeys('carol')).toEqual({
      account: repos.accounts.findByUsername('carol'),
      credentials: [],
    });
    expect(repos.credentials.findAccountWithPasskeys('dave')).toBeUndefined();
  });

  it('the verify read: the passkey and its owner, as the two reads give them', () => {
    const { repos } = setUp();
    for (const id of ['ana-1', 'ana-2', 'ana-3', 'bob-1']) {
      const credential = repos.credentials.findById(id)!;
      expect(repos.credentials.findWithOwner(id)).toEqual({
        credential,
        owner: repos.accounts.findById(credential.accountId),
      });
    }
    expect(repos.credentials.findWithOwner('ana-3')!.credential).toMatchObject({ counter: 7, lastUsedAt: 5000 });
    expect(repos.credentials.findWithOwner('nobody')).toBeUndefined();
  });
});
