import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, repositories } from '../../db/index.js';
import { loadConfig } from '../../server/config.js';
import { LINE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { seedStory } from '../../server/lab/story.js';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, freePort, last, startStack, type Stack } from '../support/stack.js';

// Issue 15 point 9 and issue 11 point 2: the story's seed never answers 500, and its LINE link survives a new IDP_PORT.

const TARO_LINE = LINE_LIKE_ACCOUNTS[0]!;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stackWith(env: Record<string, string> = {}) {
  const stack = await startStack(env);
  cleanups.push(() => stack.close());
  return stack;
}

const seedOverHttp = async (stack: Stack) => {
  const reply = await new BrowserLikeClient().request(`${stack.labUrl}/api/lab/seed-story`, { json: {} });
  return { status: reply.status, body: JSON.parse(reply.body) };
};

/** A LINE-like login over real HTTP (password, the number confirmed on the phone, consent); returns where it landed. */
async function lineLogin(stack: Stack) {
  const client = new BrowserLikeClient();
  const flows = accountFlows(stack);
  const back = await flows.lineLogin(client, TARO_LINE);
  return { landed: last(back).url, session: await flows.session(client) };
}

describe('the story seed', () => {
  it('answers a clear 409 (every time, never 500) when the demo LINE identity is linked to someone else, and creates nothing', async () => {
    const stack = await stackWith({ IDP_MODE: 'off' });
    const { repos } = stack.running.lab;
    const other = repos.accounts.create('hanako', 'Hanako', 'handle-hanako');
    repos.identities.link(other.id, 'line', 'http://127.0.0.1:4000/line', TARO_LINE.sub, TARO_LINE.name);

    for (let attempt = 0; attempt < 2; attempt++) {
      const reply = await seedOverHttp(stack);
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('story_line_linked_elsewhere');
      expect(reply.body.error.message).toMatch(/linked to another account/);
    }
    expect(repos.accounts.findByUsername('taro')).toBeUndefined();
    expect(repos.identities.findByProviderSubject('line', TARO_LINE.sub)?.accountId).toBe(other.id);
  });

  it('seeded while the providers ran on one IDP_PORT, the LINE login still signs in to taro on another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-port-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const databasePath = join(dir, 'lab.sqlite');
    // `npm run seed:story` with the default-like port, in its own process's database handle.
    const seedPort = await freePort();
    const db = openDatabase(databasePath);
    expect(
      seedStory(repositories(db), loadConfig({ IDP_PORT: String(seedPort), DATABASE_PATH: databasePath })).created,
    ).toBe(true);
    db.close();

    const stack = await stackWith({ DATABASE_PATH: databasePath });
    expect(stack.config.idp.port).not.toBe(seedPort);
    const { landed, session } = await lineLogin(stack);
    expect(landed).toBe(`${stack.labUrl}/account?via=line`);
    expect(session).toMatchObject({ user: { username: 'taro' }, method: 'social:line' });
    // The story button on the new port: the account is there, nothing to do, no error.
    expect(await seedOverHttp(stack)).toEqual({ status: 200, body: { created: false, username: 'taro' } });
  });
});
