import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorsPlugin } from '../../server/plugins/errors.js';
import { usernamePlugin } from '../../server/plugins/username.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { ALICE_LOOK_ALIKES } from '../support/look-alikes.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Issue 15 point 4 over real HTTP: the eleven spellings of "alice" can make one account only. The last block tests
// the username plugin alone, in process (Fastify's inject).

const lab = stackPerFile({ IDP_MODE: 'off' });

const accounts = () =>
  lab.stack.running.lab.db.prepare('SELECT username FROM accounts ORDER BY id').all() as { username: string }[];

/** Sign-up as a stranger would try it: options for the name, a fresh authenticator, verify. */
async function trySignUp(username: string) {
  const client = new BrowserLikeClient();
  const options = await client.request(`${lab.stack.labUrl}/api/registration/options`, { json: { username } });
  if (options.status !== 200) return { status: options.status, code: JSON.parse(options.body).error.code as string };
  const authenticator = new SoftAuthenticator({ origin: lab.stack.labUrl });
  const verify = await client.request(`${lab.stack.labUrl}/api/registration/verify`, {
    json: { response: authenticator.createCredential(JSON.parse(options.body)) },
  });
  return {
    status: verify.status,
    code: verify.status === 200 ? 'created' : (JSON.parse(verify.body).error.code as string),
  };
}

describe('look-alike usernames', () => {
  it('only one of the eleven look-alikes of "alice" becomes an account; the others are refused with a 4xx and a reason', async () => {
    // Only the accounts this test adds: the file's other tests may have run first (any order must pass).
    const before = accounts().length;
    const outcomes: { status: number; code: string }[] = [];
    for (const name of ALICE_LOOK_ALIKES) outcomes.push(await trySignUp(name));
    expect(accounts().slice(before)).toEqual([{ username: 'alice' }]);
    expect(outcomes.filter((outcome) => outcome.status === 200)).toHaveLength(1);
    expect(outcomes.every((outcome) => outcome.status === 200 || (outcome.status >= 400 && outcome.status < 500))).toBe(
      true,
    );
    // Same order as ALICE_LOOK_ALIKES: the first makes the account, folded spellings find it taken, the rest are refused.
    expect(outcomes.map((outcome) => outcome.code)).toEqual([
      'created',
      ...Array(6).fill('sign_in_required'),
      'username_invisible',
      'username_mixed_scripts',
      'username_invisible',
      'username_combining_marks',
    ]);
  });

  it('a whole-script look-alike (all Cyrillic "асе" for "ace") is refused at sign-up', async () => {
    expect(await trySignUp('ace')).toEqual({ status: 200, code: 'created' });
    expect(await trySignUp('асе')).toEqual({ status: 409, code: 'username_look_alike' });
    expect(await trySignUp('renamed-7')).toEqual({ status: 400, code: 'username_reserved' });
  });

  it('"b〇b" (U+3007, ideographic number zero) and "b0b" are refused beside "bob": skeletons are compared lower case', async () => {
    expect(await trySignUp('bob')).toEqual({ status: 200, code: 'created' });
    expect(await trySignUp('b\u3007b')).toEqual({ status: 409, code: 'username_look_alike' });
    expect(await trySignUp('b0b')).toEqual({ status: 409, code: 'username_look_alike' });
  });

  it('username-first login finds the account under any folded spelling, with its real credentials', async () => {
    const client = new BrowserLikeClient();
    const authenticator = new SoftAuthenticator({ origin: lab.stack.labUrl });
    const options = JSON.parse(
      (await client.request(`${lab.stack.labUrl}/api/registration/options`, { json: { username: 'Hanako' } })).body,
    );
    expect(options.user.name).toBe('hanako');
    expect(
      (
        await client.request(`${lab.stack.labUrl}/api/registration/verify`, {
          json: { response: authenticator.createCredential(options) },
        })
      ).status,
    ).toBe(200);

    const stranger = new BrowserLikeClient();
    const login = JSON.parse(
      (
        await stranger.request(`${lab.stack.labUrl}/api/authentication/options`, {
          json: { username: ' ＨＡＮＡＫＯ\u00a0' },
        })
      ).body,
    );
    expect(login.allowCredentials.map((c: { id: string }) => c.id)).toEqual([
      authenticator.credentials[0]!.id.toString('base64url'),
    ]);
    const verify = await stranger.request(`${lab.stack.labUrl}/api/authentication/verify`, {
      json: { response: authenticator.getAssertion(login) },
    });
    expect(JSON.parse(verify.body).user).toEqual({ username: 'hanako' });
  });
});

describe('the username plugin', () => {
  it('makes `username` canonical in a path too (a support look-up), or refuses it; a query string is left alone', async () => {
    const app = Fastify();
    await app.register(errorsPlugin);
    await app.register(usernamePlugin);
    app.get('/lookup', async (request) => (request.query as { username: string }).username);
    app.get('/accounts/:username', async (request) => (request.params as { username: string }).username);
    expect((await app.inject({ url: `/accounts/${encodeURIComponent('Alice\u00a0')}` })).body).toBe('alice');
    const refused = await app.inject({ url: `/accounts/${encodeURIComponent('ali\u200bce')}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('username_invisible');
    // No route takes a username in its query string; a page address with one is not refused (username-query.test.ts).
    expect((await app.inject({ url: `/lookup?username=${encodeURIComponent('ali\u200bce')}` })).statusCode).toBe(200);
    await app.close();
  });
});
