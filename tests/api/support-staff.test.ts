import type { RouteOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/support/refusal.en.json' with { type: 'json' };
import ja from '../../client/src/i18n/support/refusal.ja.json' with { type: 'json' };
import { createInvite, firstStartInvite, INVITE_TTL_MS } from '../../server/support/invites.js';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// Issue 12 point 1: staff accounts apart from customers, enrollment links, staff-only routes, the audit log.

let stack: Stack;
let routes: { method: string; url: string }[];
beforeEach(async () => {
  routes = [];
  const collect = (route: RouteOptions) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  };
  stack = await startStack({}, { onRoute: collect });
});
afterEach(async () => {
  await stack.close();
});

const api = (path: string) => `${stack.labUrl}${path}`;
const errorCode = (body: string) => (JSON.parse(body) as { error?: { code?: string } }).error?.code;

describe('enrollment links', () => {
  it('the first start makes one link while nobody is enrolled; it works once, and is stored only as a hash', async () => {
    const repos = stack.running.lab.repos;
    const first = firstStartInvite(repos, stack.labUrl)!;
    expect(first.link).toMatch(new RegExp(`^${stack.labUrl}/staff/enroll#[A-Za-z0-9_-]{43}$`));
    const token = staffFlows(stack).tokenOf(first.link);
    const stored = stack.running.lab.db.prepare('SELECT * FROM staff_invites').all();
    expect(JSON.stringify(stored)).not.toContain(token);

    const browser = new BrowserLikeClient();
    const { reply } = await staffFlows(stack).enroll(browser, first.link, 'Sato');
    expect(reply.status, reply.body).toBe(200);
    expect((await browser.request(api('/api/support/me'))).status).toBe(200);
    expect(firstStartInvite(repos, stack.labUrl)).toBeNull();

    const again = await staffFlows(stack).enroll(new BrowserLikeClient(), first.link, 'Mallory');
    expect(again.reply.status).toBe(410);
    expect(errorCode(again.reply.body)).toBe('invite_not_valid');
  });

  it('a link expires after 24 hours', async () => {
    const old = createInvite(stack.running.lab.repos, stack.labUrl, null, Date.now() - INVITE_TTL_MS - 1000);
    const { reply } = await staffFlows(stack).enroll(new BrowserLikeClient(), old.link, 'Late');
    expect(reply.status).toBe(410);
  });

  it('a staff member invites another, who enrolls and later signs in with the staff passkey only', async () => {
    const flows = staffFlows(stack);
    const { client: sato } = await flows.firstStaff('Sato');
    const invite = await sato.request(api('/api/support/invites'), { json: {} });
    expect(invite.status).toBe(200);
    const tanaka = new BrowserLikeClient();
    const { reply, authenticator } = await flows.enroll(tanaka, JSON.parse(invite.body).link, 'Tanaka');
    expect(reply.status, reply.body).toBe(200);
    const row = stack.running.lab.db.prepare("SELECT invited_by FROM staff_members WHERE name = 'Tanaka'").get() as {
      invited_by: number;
    };
    expect(row.invited_by).toBe(
      stack.running.lab.repos.staff.findByUserHandle(
        stack.running.lab.db
          .prepare("SELECT user_handle FROM staff_members WHERE name = 'Sato'")
          .pluck()
          .get() as string,
      )!.id,
    );

    const later = new BrowserLikeClient();
    expect((await later.request(api('/api/support/me'))).status).toBe(403);
    expect((await flows.login(later, authenticator)).status).toBe(200);
    expect(JSON.parse((await later.request(api('/api/support/me'))).body)).toMatchObject({ name: 'Tanaka' });

    // A customer's passkey is not a staff passkey, and a staff passkey is not a customer's.
    const customer = new BrowserLikeClient();
    const customerKey = await accountFlows(stack).signUpWithPasskey(customer, 'hanako');
    const refused = await flows.login(new BrowserLikeClient(), customerKey);
    expect(errorCode(refused.body)).toBe('not_a_staff_passkey');
    const options = JSON.parse((await later.request(api('/api/authentication/options'), { json: {} })).body);
    const wrongSide = await later.request(api('/api/authentication/verify'), {
      json: { response: authenticator.getAssertion(options) },
    });
    expect(wrongSide.status).toBe(400);
    // Not unknown_credential, which the login page would pass to the Signal API (staff-passkey-on-login.test.ts).
    expect(errorCode(wrongSide.body)).toBe('staff_passkey');
  });

  it('staff passkeys need user verification', async () => {
    const noUv = new SoftAuthenticator({ origin: stack.labUrl, userVerified: false });
    const { reply } = await staffFlows(stack).enroll(
      new BrowserLikeClient(),
      createInvite(stack.running.lab.repos, stack.labUrl, null).link,
      'NoPin',
      noUv,
    );
    expect(reply.status).toBe(400);
    expect(stack.running.lab.repos.staff.count()).toBe(0);
  });
});

describe('every /support page and /api/support route is for staff only', () => {
  const supportRoutes = () => routes.filter((route) => /^\/(support|api\/support)(\/|$)/.test(route.url));
  const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'taro');

  it('strangers, customer passkey sessions and customer fallback sessions get 403; staff do not', async () => {
    const walked = supportRoutes();
    expect(walked.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining([
        'GET /support',
        'GET /api/support/accounts/:username',
        'POST /api/support/invites',
        'GET /api/support/audit',
      ]),
    );
    const flows = accountFlows(stack);
    const stranger = new BrowserLikeClient();
    const passkeyCustomer = new BrowserLikeClient();
    await flows.signUpWithPasskey(passkeyCustomer, 'taro');
    await flows.linkGoogle(passkeyCustomer, 'taro.personal@gmail.example');
    const fallbackCustomer = new BrowserLikeClient();
    expect(await flows.googleLogin(fallbackCustomer, 'taro.personal@gmail.example')).toBe(api('/account?via=google'));
    expect((await flows.session(fallbackCustomer)).assurance).toBe('low');
    const { client: staff } = await staffFlows(stack).firstStaff();

    for (const route of walked) {
      const init = { method: route.method, ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { json: {} }) };
      for (const [who, client] of [
        ['stranger', stranger],
        ['passkey customer', passkeyCustomer],
        ['fallback customer', fallbackCustomer],
      ] as const) {
        const reply = await client.request(api(concrete(route.url)), init);
        expect(reply.status, `${who} ${route.method} ${route.url}`).toBe(403);
      }
      // Staff get through the check (a 400 for an empty body or a 409 for no fix is the route's own answer).
      const staffReply = await staff.request(api(concrete(route.url)), init);
      expect(staffReply.status, `staff ${route.method} ${route.url}: ${staffReply.body}`).not.toBe(403);
      expect(staffReply.status).toBeLessThan(500);
    }
  });

  it("the console page's refusal is the support catalogue's text, in the visitor's language", async () => {
    for (const [lang, catalogue] of [
      ['ja', ja],
      ['en', en],
    ] as const) {
      const reply = await new BrowserLikeClient({ 'accept-language': lang }).request(api('/support'));
      expect(reply.status).toBe(403);
      expect(reply.body).toBe(catalogue.support.refusal.staffOnly);
    }
  });

  it('a staff session that signs in as a customer is no longer a staff session', async () => {
    const { client } = await staffFlows(stack).firstStaff();
    await accountFlows(stack).signUpWithPasskey(client, 'jiro');
    const options = JSON.parse(
      (await client.request(api('/api/authentication/options'), { json: { username: 'jiro' } })).body,
    );
    expect(options.challenge).toBeTypeOf('string');
    expect((await client.request(api('/api/support/me'))).status).toBe(403);
  });
});

describe('the audit log', () => {
  it('records every look-up (found or not), staff can read it, and nothing can change it', async () => {
    const { client } = await staffFlows(stack).firstStaff('Sato');
    await accountFlows(stack).signUpWithPasskey(new BrowserLikeClient(), 'taro');
    expect((await client.request(api('/api/support/accounts/taro'))).status).toBe(200);
    expect((await client.request(api('/api/support/accounts/nobody-here'))).status).toBe(404);
    const audit = JSON.parse((await client.request(api('/api/support/audit'))).body) as {
      entries: { staffName: string; action: string; subject: string; detail: { found: boolean } }[];
    };
    expect(audit.entries.filter((entry) => entry.action === 'account.lookup')).toMatchObject([
      { staffName: 'Sato', subject: 'nobody-here', detail: { found: false } },
      { staffName: 'Sato', subject: 'taro', detail: { found: true } },
    ]);

    // No route writes to it except by appending, and the table refuses changes whoever asks.
    expect(
      routes
        .filter((route) => route.url.includes('audit'))
        .map((route) => route.method)
        .sort(),
    ).toEqual(['GET', 'HEAD']);
    const db = stack.running.lab.db;
    expect(() => db.prepare("UPDATE support_audit SET subject = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM support_audit').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT COUNT(*) FROM support_audit').pluck().get()).toBe(audit.entries.length);
    // Joining the console is recorded too (firstStaff enrolled through the invitation printed at the terminal).
    expect(audit.entries.at(-1)).toMatchObject({
      staffName: 'Sato',
      action: 'staff.enrolled',
      detail: { invitedBy: null },
    });
  });

  it('records staff sign-ins', async () => {
    const flows = staffFlows(stack);
    const { client, authenticator } = await flows.firstStaff('Sato');
    expect((await flows.login(new BrowserLikeClient(), authenticator)).status).toBe(200);
    const audit = JSON.parse((await client.request(api('/api/support/audit'))).body) as {
      entries: { staffName: string; action: string }[];
    };
    expect(audit.entries.map((entry) => [entry.staffName, entry.action])).toContainEqual(['Sato', 'staff.signed-in']);
  });
});
