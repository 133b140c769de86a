import { describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, formOf, last } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// The link callback awaits the provider's token endpoint between reading its transaction and writing the link. What
// another request commits in that wait must count: the link is decided on the session as stored at the write, not as
// loaded when the callback came in (review of session 11). The other request is made at the moment the callback
// reads its transaction (repos.oidcTransactions.find, the way fallback-transaction.test.ts injects failures), with the
// same repository calls its route makes.

const lab = stackPerTest();

/** Starts a link of the Google-like login from `client`, running `meanwhile` while the callback awaits the provider. */
async function linkWhile(client: BrowserLikeClient, meanwhile: () => void) {
  const { repos } = lab.stack.running.lab;
  const find = repos.oidcTransactions.find;
  repos.oidcTransactions.find = (state, sessionId) => {
    const found = find(state, sessionId);
    if (found?.purpose === 'link') meanwhile();
    return found;
  };
  try {
    const confirm = last(await client.follow(`${lab.stack.labUrl}/link/google/confirm?action=link`));
    const form = formOf(confirm.body);
    const hops = await accountFlows(lab.stack).googleAs(
      client,
      `${lab.stack.labUrl}${form.action}`,
      'taro.personal@gmail.example',
      { form: form.inputs },
    );
    return hops.find((hop) => hop.url.startsWith(`${lab.stack.labUrl}/auth/google/callback`))!.location;
  } finally {
    repos.oidcTransactions.find = find;
  }
}

const linkedProviders = (username: string) => {
  const { repos } = lab.stack.running.lab;
  return repos.identities.listForAccount(repos.accounts.findByUsername(username)!.id).map((link) => link.provider);
};

describe('a link in progress', () => {
  it('does not survive "sign out everywhere" committed while it waits for the provider', async () => {
    const { repos } = lab.stack.running.lab;
    const thief = new BrowserLikeClient(); // say, a stolen high session
    await accountFlows(lab.stack).signUpWithPasskey(thief, 'owner');
    const accountId = repos.accounts.findByUsername('owner')!.id;
    const location = await linkWhile(thief, () => repos.transaction(() => repos.sessions.revokeAll(accountId)));
    expect(location).toBe(`${lab.stack.labUrl}/account?error=sign_in_required`);
    expect(linkedProviders('owner')).toEqual([]);
  });

  it('does not survive the deletion of the passkey that gave the session its assurance', async () => {
    const { repos } = lab.stack.running.lab;
    const browser = new BrowserLikeClient();
    const authenticator = await accountFlows(lab.stack).signUpWithPasskey(browser, 'hanako');
    const passkeyId = authenticator.credentials[0]!.id.toString('base64url');
    const accountId = repos.accounts.findByUsername('hanako')!.id;
    const location = await linkWhile(browser, () =>
      repos.transaction(() => expect(repos.credentials.remove(passkeyId, accountId)).toBe(true)),
    );
    expect(location).toBe(`${lab.stack.labUrl}/account?error=passkey_removed`);
    expect(linkedProviders('hanako')).toEqual([]);
  });

  it('still links when nothing changed meanwhile', async () => {
    const browser = new BrowserLikeClient();
    await accountFlows(lab.stack).signUpWithPasskey(browser, 'jiro');
    expect(await linkWhile(browser, () => undefined)).toBe(`${lab.stack.labUrl}/account?linked=google`);
    expect(linkedProviders('jiro')).toEqual(['google']);
  });
});
