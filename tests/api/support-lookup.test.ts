import { describe, expect, it } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { accountFlows } from '../support/account-flows.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// Issue 12 points 2 and 3: a staff member looks up a customer and reads the device matrix.

const lab = stackPerTest();
const { api } = lab;

const WINDOWS_11_CHROME = {
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
  platform: 'Windows',
  platformVersion: '19.0.0',
};

interface Lookup {
  account: { username: string };
  passkeys: {
    provider: string | null;
    synced: boolean;
    home: string;
    transports: string[] | null;
    health: string[];
    lastUsed: { device: string | null } | null;
    registeredWith: string | null;
  }[];
  linkedLogins: { provider: string }[];
  timeline: { own: { kind: string; device: string | null }[]; others: unknown[] };
  matrix: {
    device: { id: string };
    staff: { screen: { kind: string; title: string } };
    customer: { screen: { kind: string; title: string } };
  }[];
}

describe('looking up the story account', () => {
  it('shows the phone passkey in plain facts, the LINE login, the health check and the matrix of the story', async () => {
    seedStory(lab.stack.running.lab.repos, lab.stack.config);
    const { client } = await staffFlows(lab.stack).firstStaff();
    const reply = await client.request(api('/api/support/accounts/taro?customerLang=ja'));
    expect(reply.status, reply.body).toBe(200);
    const view = JSON.parse(reply.body) as Lookup;
    expect(view.passkeys).toMatchObject([
      {
        provider: 'Google Password Manager',
        synced: true,
        home: 'phone-google',
        transports: null,
        registeredWith: 'Android · Chrome 131',
      },
    ]);
    expect(view.passkeys[0]!.health).toContain('transports-missing');
    expect(view.linkedLogins).toMatchObject([{ provider: 'line' }]);
    expect(view.timeline.own.map((entry) => entry.kind)).toContain('lab.seed-story');
    expect(view.timeline.others).toEqual([]);

    const cell = (id: string) => view.matrix.find((entry) => entry.device.id === id)!;
    // The story: Windows 10 Chrome without Bluetooth can only ask for a USB key; Windows 11 25H2 opens its chooser.
    expect(cell('windows-10-chrome-bt-absent-hello-no').staff.screen.kind).toBe('windows-security-key');
    expect(cell('windows-11-25h2-chrome-bt-on-hello-yes').staff.screen.kind).toBe('windows-passkey-chooser');
    expect(cell('android-chrome').staff.screen.kind).toBe('mobile-passkey-sheet');
    expect(view.matrix).toHaveLength(29);
    // Staff read English (their page language), the customer's words are Japanese.
    const usb = cell('windows-10-chrome-bt-absent-hello-no');
    expect(usb.staff.screen.title).toMatch(/[A-Za-z]/);
    expect(usb.customer.screen.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('finds the name as sign-in does, refuses malformed names with 400, and says 404 for unknown ones', async () => {
    seedStory(lab.stack.running.lab.repos, lab.stack.config);
    const { client } = await staffFlows(lab.stack).firstStaff();
    expect((await client.request(api('/api/support/accounts/%20taro%20'))).status).toBe(200);
    // The canonical form sign-in uses: case-folded and width-folded (ＴＡＲＯ is full-width).
    expect((await client.request(api('/api/support/accounts/TARO'))).status).toBe(200);
    expect((await client.request(api(`/api/support/accounts/${encodeURIComponent('ＴＡＲＯ')}`))).status).toBe(200);
    expect((await client.request(api(`/api/support/accounts/${encodeURIComponent('ta\u200bro')}`))).status).toBe(400);
    expect((await client.request(api('/api/support/accounts/taro%07'))).status).toBe(400);
    expect((await client.request(api('/api/support/accounts/taro?customerLang=fr'))).status).toBe(400);
    expect((await client.request(api('/api/support/accounts/jiro'))).status).toBe(404);
  });

  it('says when each passkey was last used and from which device', async () => {
    const customer = new BrowserLikeClient();
    const key = await accountFlows(lab.stack).signUpWithPasskey(customer, 'hanako');
    const options = JSON.parse(
      (await customer.request(api('/api/authentication/options'), { json: { username: 'hanako' } })).body,
    );
    const verify = await customer.request(api('/api/authentication/verify'), {
      json: { response: key.getAssertion(options), client: WINDOWS_11_CHROME },
    });
    expect(verify.status, verify.body).toBe(200);

    const { client } = await staffFlows(lab.stack).firstStaff();
    const view = JSON.parse((await client.request(api('/api/support/accounts/hanako'))).body) as Lookup;
    expect(view.passkeys[0]!.lastUsed).toMatchObject({ device: 'Windows 11 · Chrome 150' });
    expect(view.timeline.own[0]).toMatchObject({ kind: 'authentication.verify', device: 'Windows 11 · Chrome 150' });
    // Nothing that could sign in or replay leaves: no keys, challenges or signatures.
    expect(JSON.stringify(view)).not.toMatch(/publicKey|challenge|signature/);
  });
});

describe('the timeline keeps the customer apart from others who typed the name', () => {
  it("a stranger's attempt is counted under others, never in the customer's own history", async () => {
    seedStory(lab.stack.running.lab.repos, lab.stack.config);
    const stranger = new BrowserLikeClient();
    expect((await stranger.request(api('/api/authentication/options'), { json: { username: 'taro' } })).status).toBe(
      200,
    );
    const { client } = await staffFlows(lab.stack).firstStaff();
    const view = JSON.parse((await client.request(api('/api/support/accounts/taro'))).body) as Lookup & {
      timeline: { others: { attempts: number; outcome: string }[] };
    };
    expect(view.timeline.others).toMatchObject([{ attempts: 1, outcome: 'unfinished' }]);
    expect(view.timeline.own.map((entry) => entry.kind)).not.toContain('authentication.options');
  });
});

describe('what to change (point 4)', () => {
  it('shows a fix with its effect before applying; applying is audited, shown to the customer and cannot be repeated', async () => {
    seedStory(lab.stack.running.lab.repos, lab.stack.config);
    const { client } = await staffFlows(lab.stack).firstStaff('Sato');
    const preview = JSON.parse((await client.request(api('/api/support/accounts/taro/fixes'))).body) as {
      fixes: {
        id: string;
        kind: string;
        transports: string[];
        effect: {
          device: string;
          before: { kind: string; options: string[] };
          after: { kind: string; options: string[] };
        }[];
      }[];
    };
    expect(preview.fixes).toMatchObject([
      { kind: 'store-transports', transports: ['hybrid', 'internal'] },
      { kind: 'add-passkey-here' },
    ]);
    // With no stored transports the PC's list mentions a USB key it does not need; after the fix it does not.
    const effect = (device: string) => preview.fixes[0]!.effect.find((change) => change.device === device);
    const pc = effect('windows-10-chrome-bt-on-hello-yes')!;
    expect(pc.before.options.join()).toMatch(/security key/);
    expect(pc.after.options[0]).toBe('Windows Hello');
    // Without Windows Hello but with Bluetooth, the PC goes straight to the phone's QR code.
    expect(effect('windows-10-chrome-bt-on-hello-no')).toMatchObject({
      before: { kind: 'chrome-mechanism-list' },
      after: { kind: 'chrome-qr' },
    });
    // Windows 11 already offers the phone: nothing changes there.
    expect(effect('windows-11-25h2-chrome-bt-on-hello-yes')).toBeUndefined();

    const apply = await client.request(api('/api/support/accounts/taro/fixes'), {
      json: { fixId: preview.fixes[0]!.id },
    });
    expect(apply.status, apply.body).toBe(200);
    const taro = lab.stack.running.lab.repos.accounts.findByUsername('taro')!;
    expect(lab.stack.running.lab.repos.credentials.listForAccount(taro.id)[0]!.transports).toEqual([
      'hybrid',
      'internal',
    ]);
    expect(lab.stack.running.lab.repos.ceremonies.listForAccount(taro.id)[0]).toMatchObject({
      kind: 'support.fix',
      outcome: 'recorded',
    });
    const audit = JSON.parse((await client.request(api('/api/support/audit'))).body) as {
      entries: { action: string; subject: string }[];
    };
    expect(audit.entries[0]).toMatchObject({ action: 'fix.apply', subject: 'taro' });

    const again = await client.request(api('/api/support/accounts/taro/fixes'), {
      json: { fixId: preview.fixes[0]!.id },
    });
    expect(again.status).toBe(409);
    // The refused attempt is in the audit log too, with what was tried and why it was refused.
    const afterRefusal = JSON.parse((await client.request(api('/api/support/audit'))).body) as {
      entries: { action: string; subject: string; detail: unknown }[];
    };
    expect(afterRefusal.entries[0]).toMatchObject({
      action: 'fix.refused',
      subject: 'taro',
      detail: { fix: preview.fixes[0]!.id, code: 'fix_not_available' },
    });
    expect(afterRefusal.entries[1]).toMatchObject({ action: 'fix.apply', subject: 'taro' });
    expect(JSON.parse((await client.request(api('/api/support/accounts/taro/fixes'))).body).fixes).toMatchObject([
      { kind: 'add-passkey-here' },
    ]);
  });
});
