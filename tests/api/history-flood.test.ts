import { describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Security review, session 10: a signed-in session, even a low-assurance fallback one, could write entries until its
// own sign-in fell out of the owner's history (the newest 200) and support bundle. Security events have a window of
// their own now (db/ceremonies.ts, SECURITY_EVENT_KINDS).

// The stack's rate limit is high (tests/support/stack.ts), so it does not hide what the history does with many entries;
// tests/api/signals.test.ts checks the route's limit.
const lab = stackPerFile();
const { api } = lab;

const SECURITY_EVENTS = [
  'fallback.login',
  'authentication.verify',
  'session.logout-everywhere',
  'identity.link',
  'registration.verify',
];

describe("a session filling the owner's history", () => {
  it('cannot push sign-ins, links or passkey changes out of the history, the support bundle or the staff lookup', async () => {
    const flows = accountFlows(lab.stack);
    const owner = new BrowserLikeClient();
    const authenticator = await flows.signUpWithPasskey(owner, 'flood-owner');
    await flows.linkGoogle(owner, 'taro.personal@gmail.example');
    expect((await owner.request(api('/api/session/logout-everywhere'), { json: {} })).status).toBe(200);
    expect((await flows.passkeyLogin(owner, 'flood-owner', authenticator)).status).toBe(200);

    const attacker = new BrowserLikeClient();
    await flows.googleLogin(attacker, 'taro.personal@gmail.example');
    expect(await flows.session(attacker)).toMatchObject({ assurance: 'low' });
    const sent = JSON.parse((await attacker.request(api('/api/account'))).body).signals.currentUserDetails;
    // Each report differs from the one before, so each is written.
    for (let i = 0; i < 210; i++) {
      const result = i % 2 ? 'sent' : 'unsupported';
      const reply = await attacker.request(api('/api/account/signals'), {
        json: { kind: 'current-user-details', result, sent },
      });
      expect(reply.status).toBe(200);
    }

    const kinds = (entries: { kind: string }[]) => entries.map((entry) => entry.kind);
    const history = kinds(JSON.parse((await owner.request(api('/api/account/ceremonies?limit=200'))).body).ceremonies);
    // Newest first: the reports fill the other window (the newest 200 of them), the security events follow.
    expect(history.slice(0, 200).every((kind) => kind === 'signal.current-user-details')).toBe(true);
    expect(history.slice(200)).toEqual(SECURITY_EVENTS);

    const bundle = JSON.parse((await owner.request(api('/api/account/support-bundle'))).body);
    expect(kinds(bundle.ceremonies).slice(200)).toEqual(SECURITY_EVENTS);

    const { client: staff } = await staffFlows(lab.stack).firstStaff();
    const lookup = JSON.parse((await staff.request(api('/api/support/accounts/flood-owner'))).body);
    expect(kinds(lookup.timeline.own).slice(200)).toEqual(SECURITY_EVENTS);
  });
});
