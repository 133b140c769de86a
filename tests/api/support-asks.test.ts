import { describe, expect, it } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// Issue 12 point 4, the second fix: staff ask the customer to add a passkey on their PC at the next sign-in there.
// The effect is predicted before applying; the ask is a flag the account page reads; adding a passkey on a PC or
// declining clears it, and both the ask and its answer are in the audit log.

const lab = stackPerTest();
const { api } = lab;

const PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36';
const WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
type Sheet = { kind: string; options: string[] };
type Fix = { id: string; kind: string; effect: { device: string; before: Sheet; after: Sheet }[] };

async function fixesOf(client: BrowserLikeClient, username: string) {
  return (JSON.parse((await client.request(api(`/api/support/accounts/${username}/fixes`))).body) as { fixes: Fix[] })
    .fixes;
}
const auditOf = async (client: BrowserLikeClient) =>
  (
    JSON.parse((await client.request(api('/api/support/audit'))).body) as {
      entries: { action: string; staffName: string; subject: string; detail: Record<string, unknown> }[];
    }
  ).entries;

describe('"add a passkey on this PC at next sign-in"', () => {
  it("previews each PC's sheet with a passkey made on it, from the predictor; PCs that cannot make one and phones are left out", async () => {
    seedStory(lab.stack.running.lab.repos, lab.stack.config);
    const { client } = await staffFlows(lab.stack).firstStaff('Sato');
    const fix = (await fixesOf(client, 'taro')).find((item) => item.kind === 'add-passkey-here')!;
    const effect = new Map(fix.effect.map((change) => [change.device, change]));
    // Windows 11 with Windows Hello: today its chooser (phone or key); with a passkey on the PC, Windows Hello at once.
    expect(effect.get('windows-11-25h2-chrome-bt-on-hello-yes')).toMatchObject({
      before: { kind: 'windows-passkey-chooser' },
      after: { kind: 'windows-hello' },
    });
    // A Mac in Chrome: today the phone's QR code; after, the passkey on this device is listed.
    expect(effect.get('macos-chrome')?.after.options.join()).toMatch(/this device/i);
    // Windows cannot make a passkey without Windows Hello; phones are not PCs.
    expect(
      [...effect.keys()].filter(
        (device) => device.includes('hello-no') || device.startsWith('android') || device.startsWith('iphone'),
      ),
    ).toEqual([]);
    for (const change of fix.effect) expect(change.after).not.toEqual(change.before);
  });

  it('applied by staff: audited, offered on a PC only, cleared by a passkey added on a PC (not a phone), the answer audited', async () => {
    const customer = new BrowserLikeClient({ 'accept-language': 'en', 'user-agent': WINDOWS });
    const phoneKey = await accountFlows(lab.stack).signUpWithPasskey(customer, 'kenji');
    const { client: staff } = await staffFlows(lab.stack).firstStaff('Sato');
    expect((await customer.request(api('/api/account/support-asks'))).body).toBe('{"addPasskeyHere":false}');

    const apply = await staff.request(api('/api/support/accounts/kenji/fixes'), {
      json: { fixId: 'add-passkey-here' },
    });
    expect(apply.status, apply.body).toBe(200);
    expect((await auditOf(staff))[0]).toMatchObject({
      action: 'fix.apply',
      subject: 'kenji',
      detail: { fix: 'add-passkey-here' },
    });
    // Asked once: the fix is no longer offered, the look-up says it waits, a second apply is refused.
    expect((await fixesOf(staff, 'kenji')).map((item) => item.kind)).not.toContain('add-passkey-here');
    expect(JSON.parse((await staff.request(api('/api/support/accounts/kenji'))).body).asks.addPasskeyHere).toEqual(
      expect.any(Number),
    );
    expect(
      (await staff.request(api('/api/support/accounts/kenji/fixes'), { json: { fixId: 'add-passkey-here' } })).status,
    ).toBe(409);

    // The customer's next sign-in: on the PC the page is told to offer it; on a phone it waits.
    const phone = new BrowserLikeClient({ 'accept-language': 'en', 'user-agent': PHONE });
    expect((await accountFlows(lab.stack).passkeyLogin(phone, 'kenji', phoneKey)).status).toBe(200);
    expect(JSON.parse((await phone.request(api('/api/account/support-asks'))).body)).toEqual({ addPasskeyHere: false });
    expect(JSON.parse((await customer.request(api('/api/account/support-asks'))).body)).toEqual({
      addPasskeyHere: true,
    });

    // A passkey added from the phone does not answer it; a security key on the PC neither.
    const options = async (client: BrowserLikeClient) =>
      JSON.parse((await client.request(api('/api/registration/options'), { json: { username: 'kenji' } })).body);
    const onPhone = new SoftAuthenticator({ origin: lab.stack.labUrl, attachment: 'platform' });
    expect(
      (
        await phone.request(api('/api/registration/verify'), {
          json: { response: onPhone.createCredential(await options(phone)), client: { userAgent: PHONE } },
        })
      ).status,
    ).toBe(200);
    const key = new SoftAuthenticator({ origin: lab.stack.labUrl, attachment: 'cross-platform' });
    expect(
      (
        await customer.request(api('/api/registration/verify'), {
          json: { response: key.createCredential(await options(customer)), client: { userAgent: WINDOWS } },
        })
      ).status,
    ).toBe(200);
    expect(JSON.parse((await customer.request(api('/api/account/support-asks'))).body)).toEqual({
      addPasskeyHere: true,
    });

    // The PC's own passkey answers it.
    const onPc = new SoftAuthenticator({ origin: lab.stack.labUrl, attachment: 'platform' });
    expect(
      (
        await customer.request(api('/api/registration/verify'), {
          json: { response: onPc.createCredential(await options(customer)), client: { userAgent: WINDOWS } },
        })
      ).status,
    ).toBe(200);
    expect(JSON.parse((await customer.request(api('/api/account/support-asks'))).body)).toEqual({
      addPasskeyHere: false,
    });
    const kenji = lab.stack.running.lab.repos.accounts.findByUsername('kenji')!;
    expect(lab.stack.running.lab.repos.supportAsks.find(kenji.id, 'add-passkey-here')).toBeUndefined();
    expect((await auditOf(staff))[0]).toMatchObject({
      action: 'ask.added',
      staffName: 'Sato',
      subject: 'kenji',
      detail: { ask: 'add-passkey-here' },
    });
    expect(
      lab.stack.running.lab.repos.ceremonies.listForAccount(kenji.id).find((entry) => entry.kind === 'support.ask'),
    ).toMatchObject({ detail: { ask: 'add-passkey-here', answer: 'added' } });
    // The fix may be offered again (another PC).
    expect((await fixesOf(staff, 'kenji')).map((item) => item.kind)).toContain('add-passkey-here');
  });

  it('a fallback login is a way in too: the ask is offered there (registering still needs a passkey step-up first)', async () => {
    const flows = accountFlows(lab.stack);
    const owner = new BrowserLikeClient({ 'accept-language': 'en', 'user-agent': PHONE });
    await flows.signUpWithPasskey(owner, 'aiko');
    await flows.linkGoogle(owner, 'taro.personal@gmail.example');
    const { client: staff } = await staffFlows(lab.stack).firstStaff('Sato');
    expect(
      (await staff.request(api('/api/support/accounts/aiko/fixes'), { json: { fixId: 'add-passkey-here' } })).status,
    ).toBe(200);

    const pc = new BrowserLikeClient({ 'accept-language': 'en', 'user-agent': WINDOWS });
    expect(await flows.googleLogin(pc, 'taro.personal@gmail.example')).toBe(api('/account?via=google'));
    expect((await flows.session(pc)).assurance).toBe('low');
    expect(JSON.parse((await pc.request(api('/api/account/support-asks'))).body)).toEqual({ addPasskeyHere: true });
    expect((await pc.request(api('/api/registration/options'), { json: { username: 'aiko' } })).status).toBe(403);
  });

  it('declining clears it too, is audited, and only the signed-in customer can decline', async () => {
    const customer = new BrowserLikeClient({ 'accept-language': 'en', 'user-agent': WINDOWS });
    await accountFlows(lab.stack).signUpWithPasskey(customer, 'yumi');
    const { client: staff } = await staffFlows(lab.stack).firstStaff('Tanaka');
    expect(
      (await staff.request(api('/api/support/accounts/yumi/fixes'), { json: { fixId: 'add-passkey-here' } })).status,
    ).toBe(200);

    const stranger = new BrowserLikeClient();
    expect(
      (await stranger.request(api('/api/account/support-asks/add-passkey-here/decline'), { json: {} })).status,
    ).toBe(401);
    // The customer's own session, but on a phone: the ask is about the PC, so it is not answered from here.
    const fromPhone = await customer.request(api('/api/account/support-asks/add-passkey-here/decline'), {
      json: {},
      headers: { 'user-agent': PHONE },
    });
    expect([fromPhone.status, JSON.parse(fromPhone.body).error.code]).toEqual([409, 'not_on_a_pc']);
    const declined = await customer.request(api('/api/account/support-asks/add-passkey-here/decline'), { json: {} });
    expect(JSON.parse(declined.body)).toEqual({ declined: true });
    expect(JSON.parse((await customer.request(api('/api/account/support-asks'))).body)).toEqual({
      addPasskeyHere: false,
    });
    expect((await auditOf(staff))[0]).toMatchObject({
      action: 'ask.declined',
      staffName: 'Tanaka',
      subject: 'yumi',
      detail: { answeredBy: 'customer' },
    });
    // Answered once.
    expect(
      JSON.parse(
        (await customer.request(api('/api/account/support-asks/add-passkey-here/decline'), { json: {} })).body,
      ),
    ).toEqual({ declined: false });
    // The answer is a security event: what a session can write at will (here a signal report) cannot push it out of
    // the owner's history (?limit=1: the newest security event and the newest other entry).
    const details = JSON.parse((await customer.request(api('/api/account'))).body).signals.currentUserDetails;
    await customer.request(api('/api/account/signals'), {
      json: { kind: 'current-user-details', result: 'sent', sent: details },
    });
    const history = JSON.parse((await customer.request(api('/api/account/ceremonies?limit=1'))).body) as {
      ceremonies: { kind: string }[];
    };
    expect(history.ceremonies.map((entry) => entry.kind).sort()).toEqual([
      'signal.current-user-details',
      'support.ask',
    ]);
  });
});
