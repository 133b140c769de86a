import { describe, expect, it } from 'vitest';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// A staff passkey is a discoverable credential for the lab's RP ID, so a browser offers it on the customer login
// too (immediate mode, autofill, "sign in with a passkey"). The answer must not be unknown_credential: the login page
// hands that to signalUnknownCredential, and Windows Hello would delete the staff member's passkey (review of
// session 11).

const lab = stackPerTest();

async function usernamelessLogin(browser: BrowserLikeClient, authenticator: SoftAuthenticator) {
  const options = JSON.parse(
    (await browser.request(lab.api('/api/authentication/options'), { json: { strategy: 'best-practice' } })).body,
  );
  expect(options.allowCredentials ?? []).toEqual([]);
  const verify = await browser.request(lab.api('/api/authentication/verify'), {
    json: { response: authenticator.getAssertion(options) },
  });
  return [verify.status, JSON.parse(verify.body).error?.code];
}

describe('a staff passkey on the customer login', () => {
  it('is answered staff_passkey, not unknown_credential, and still signs in to the console', async () => {
    const { client: staffBrowser, authenticator: staffKey } = await staffFlows(lab.stack).firstStaff('Sato');
    expect(await usernamelessLogin(staffBrowser, staffKey)).toEqual([400, 'staff_passkey']);
    expect((await staffFlows(lab.stack).login(new BrowserLikeClient(), staffKey)).status).toBe(200);

    // A passkey the lab does not hold at all is still unknown_credential (the page may tell the browser to forget it).
    const stranger = new SoftAuthenticator({ origin: lab.stack.labUrl });
    const options = JSON.parse(
      (await new BrowserLikeClient().request(lab.api('/api/registration/options'), { json: { username: 'gone' } }))
        .body,
    );
    stranger.createCredential(options);
    expect(await usernamelessLogin(new BrowserLikeClient(), stranger)).toEqual([400, 'unknown_credential']);
  });
});
