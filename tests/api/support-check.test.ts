import { beforeEach, describe, expect, it } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { accountFlows } from '../support/account-flows.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';
import { WINDOWS_10_NO_BLUETOOTH_FACTS } from '../support/check-samples.js';

// Issue 12 points 6 and 7: the self-check's prediction for a typed name, and the code staff find.

const lab = stackPerTest();
const { api } = lab;
// After stackPerTest's own beforeEach (hooks run in the order they are declared).
beforeEach(() => {
  seedStory(lab.stack.running.lab.repos, lab.stack.config);
});

describe('/check', () => {
  it("predicts this PC's sheet for a name without revealing anything a stranger could use", async () => {
    const visitor = new BrowserLikeClient();
    const known = await visitor.request(api('/api/check/predict'), {
      json: { facts: WINDOWS_10_NO_BLUETOOTH_FACTS, username: 'taro' },
    });
    expect(known.status, known.body).toBe(200);
    const body = JSON.parse(known.body) as { screen: { kind: string }; matrixDevice: string };
    expect(body.screen.kind).toBe('windows-security-key');
    expect(body.matrixDevice).toBe('windows-10-chrome-bt-absent-hello-no');
    // No passkey ids, providers or labels in the answer.
    const taroKey = lab.stack.running.lab.repos.credentials.listForAccount(
      lab.stack.running.lab.repos.accounts.findByUsername('taro')!.id,
    )[0]!;
    expect(known.body).not.toContain(taroKey.id);
    expect(known.body).not.toMatch(/Google Password Manager|Android phone \(story\)/);
    // An unknown name gets the same kind of answer: a sheet, not "no such user".
    const unknown = await visitor.request(api('/api/check/predict'), {
      json: { facts: WINDOWS_10_NO_BLUETOOTH_FACTS, username: 'nobody-by-this-name' },
    });
    expect(unknown.status).toBe(200);
    expect(Object.keys(JSON.parse(unknown.body)).sort()).toEqual(Object.keys(body).sort());
  });

  it('sends facts only with consent; the code works for staff, not for customers, and is audited', async () => {
    const visitor = new BrowserLikeClient();
    expect(
      (
        await visitor.request(api('/api/check/codes'), {
          json: { facts: WINDOWS_10_NO_BLUETOOTH_FACTS, username: 'taro', consent: false },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await visitor.request(api('/api/check/codes'), {
          json: { facts: { ...WINDOWS_10_NO_BLUETOOTH_FACTS, credential: 'x' }, consent: true },
        })
      ).status,
    ).toBe(400);
    const sent = await visitor.request(api('/api/check/codes'), {
      json: { facts: WINDOWS_10_NO_BLUETOOTH_FACTS, username: 'taro', consent: true },
    });
    expect(sent.status, sent.body).toBe(200);
    const { code } = JSON.parse(sent.body) as { code: string };
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(JSON.stringify(lab.stack.running.lab.db.prepare('SELECT * FROM check_codes').all())).not.toContain(
      code.replace(/-/g, ''),
    );

    const customer = new BrowserLikeClient();
    await accountFlows(lab.stack).signUpWithPasskey(customer, 'hanako');
    expect((await customer.request(api(`/api/support/check-codes/${code}`))).status).toBe(403);

    const { client: staff } = await staffFlows(lab.stack).firstStaff('Sato');
    const found = await staff.request(api(`/api/support/check-codes/${code.toLowerCase()}`));
    expect(found.status, found.body).toBe(200);
    expect(JSON.parse(found.body)).toMatchObject({
      typedUsername: 'taro',
      signedInAs: null,
      matrixDevice: 'windows-10-chrome-bt-absent-hello-no',
      device: { osVersion: '10', bluetooth: 'absent' },
    });
    expect((await staff.request(api('/api/support/check-codes/0000-0000-0000'))).status).toBe(404);
    const audit = JSON.parse((await staff.request(api('/api/support/audit'))).body) as {
      entries: { action: string; detail: { found: boolean } }[];
    };
    expect(audit.entries.filter((entry) => entry.action === 'check.lookup').map((entry) => entry.detail.found)).toEqual(
      [false, true],
    );
  });

  it("a stranger's code typed under taro stays a claim: it is not filed under taro; a code sent while signed in is", async () => {
    const stranger = new BrowserLikeClient();
    const strangers = JSON.parse(
      (
        await stranger.request(api('/api/check/codes'), {
          json: { facts: WINDOWS_10_NO_BLUETOOTH_FACTS, username: 'taro', consent: true },
        })
      ).body,
    ) as { code: string };
    // The customer who is really signed in (a passkey here; a fallback login counts too) sends one, typing taro.
    const hanako = new BrowserLikeClient();
    await accountFlows(lab.stack).signUpWithPasskey(hanako, 'hanako');
    const hers = JSON.parse(
      (
        await hanako.request(api('/api/check/codes'), {
          json: { facts: WINDOWS_10_NO_BLUETOOTH_FACTS, username: 'taro', consent: true },
        })
      ).body,
    ) as { code: string };

    const { client: staff } = await staffFlows(lab.stack).firstStaff('Sato');
    const open = async (code: string) =>
      JSON.parse((await staff.request(api(`/api/support/check-codes/${code}`))).body) as Record<string, unknown>;
    const typedOnly = await open(strangers.code);
    expect(typedOnly).toMatchObject({ typedUsername: 'taro', signedInAs: null });
    expect(typedOnly).not.toHaveProperty('username');
    expect(await open(hers.code)).toMatchObject({ typedUsername: 'taro', signedInAs: 'hanako' });
    // The audit log files a code under an account only when the sender was signed in to it.
    const audit = JSON.parse((await staff.request(api('/api/support/audit'))).body) as {
      entries: { action: string; subject: string | null; detail: { typedUsername: string | null } }[];
    };
    expect(
      audit.entries
        .filter((entry) => entry.action === 'check.lookup')
        .map((entry) => [entry.subject, entry.detail.typedUsername]),
    ).toEqual([
      ['hanako', 'taro'],
      [null, 'taro'],
    ]);
  });

  it('is rate-limited per address', async () => {
    const visitor = new BrowserLikeClient();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i += 1)
      statuses.push(
        (
          await visitor.request(api('/api/check/codes'), {
            json: { facts: WINDOWS_10_NO_BLUETOOTH_FACTS, consent: true },
          })
        ).status,
      );
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  });
});
