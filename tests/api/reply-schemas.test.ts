import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentCredential } from '../../server/account/health.js';
import { signalPayloads } from '../../server/account/signals.js';
import type { Lab } from '../../server/app.js';
import { compareStrategies } from '../../server/dialogs/best-practice.js';
import { predictDialog } from '../../server/dialogs/predict.js';
import { seedStory } from '../../server/lab/story.js';
import { deviceFromCheck } from '../../server/support/check-facts.js';
import { findCheckCode } from '../../server/support/check-codes.js';
import { proposeFixes } from '../../server/support/fixes.js';
import { createInvite } from '../../server/support/invites.js';
import { accountView } from '../../server/support/lookup.js';
import { deviceMatrix, inputFor } from '../../server/support/matrix.js';
import { Agent, startTestLab, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { WINDOWS_10_CHROME, WINDOWS_10_NO_BLUETOOTH_FACTS } from '../support/check-samples.js';

// Response schemas serialize the replies (fast-json-stringify): a member a schema forgets is silently dropped. These
// compare what the routes send with what the code behind them returns, member for member (issue 14 point 3).

let lab: Lab;
beforeEach(async () => {
  lab = await startTestLab();
});
afterEach(async () => {
  await lab.app.close();
});

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('the reply schemas drop nothing', () => {
  it('POST /api/dialogs/predict and /compare send the whole prediction and comparison', async () => {
    const input = {
      ceremony: 'get' as const,
      request: { allowCredentials: [{ id: 'abc' }] },
      credentials: [{ id: 'abc', transports: ['hybrid', 'internal'], location: 'phone' as const }],
      client: { os: 'windows' as const, osVersion: '10', browser: 'chrome' as const, bluetooth: 'absent' as const },
      locale: 'en' as const,
    };
    const predicted = await new Agent(lab.app).post('/api/dialogs/predict', input);
    expect(predicted.status).toBe(200);
    expect(predicted.body).toEqual(json(predictDialog(input, lab.config.rpId)));

    const compareBody = {
      credentials: [{ id: 'p', backupEligible: true, location: 'phone' as const }],
      client: {
        os: 'windows' as const,
        osVersion: '10',
        browser: 'chrome' as const,
        browserVersion: 150,
        bluetooth: 'absent' as const,
      },
      marketplace: { allowCredentials: [{ id: 'p' }] },
      locale: 'ja' as const,
    };
    const compared = await new Agent(lab.app).post('/api/dialogs/compare', compareBody);
    expect(compared.status).toBe(200);
    expect(compared.body).toEqual(json(compareStrategies(compareBody, lab.config.rpId)));
  });

  it('GET /api/account sends every member of each passkey and the signal payloads', async () => {
    const agent = new Agent(lab.app);
    const phone = new SoftAuthenticator({
      origin: TEST_ORIGIN,
      transports: ['hybrid', 'internal'],
      backupEligible: true,
      backedUp: true,
    });
    const options = await agent.post('/api/registration/options', { username: 'schema-owner' });
    expect(
      (
        await agent.post('/api/registration/verify', {
          response: phone.createCredential(options.body),
          client: { userAgent: 'Mozilla/5.0' },
        })
      ).status,
    ).toBe(200);

    const account = lab.repos.accounts.findByUsername('schema-owner')!;
    const reply = await agent.get('/api/account');
    expect(reply.status).toBe(200);
    expect(reply.body.credentials).toEqual(
      json(lab.repos.credentials.listForAccount(account.id).map(presentCredential)),
    );
    expect(reply.body.signals).toEqual(json(signalPayloads(lab.repos, lab.config, account)));
    const history = await agent.get('/api/account/ceremonies');
    expect(history.body.ceremonies).toEqual(json(lab.repos.ceremonies.listForAccount(account.id, 50)));
  });
});

/** A staff member enrolled through a fresh link and signed in again with the staff passkey; the replies checked. */
async function signedInStaff(name: string) {
  const staff = new Agent(lab.app, { 'accept-language': 'en' });
  const key = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const token = new URL(createInvite(lab.repos, TEST_ORIGIN, null).link).hash.slice(1);
  const enrollOptions = await staff.post('/api/staff/enroll/options', { token, name });
  expect(enrollOptions.status, JSON.stringify(enrollOptions.body)).toBe(200);
  const enrolled = await staff.post('/api/staff/enroll/verify', { response: key.createCredential(enrollOptions.body) });
  expect(enrolled.body).toEqual({ enrolled: true, staff: { name } });
  const loginOptions = await staff.post('/api/staff/login/options', {});
  const signedIn = await staff.post('/api/staff/login/verify', { response: key.getAssertion(loginOptions.body) });
  expect(signedIn.body).toEqual({ signedIn: true, staff: { name } });
  return staff;
}

describe("the support console's reply schemas drop nothing", () => {
  it('the console: staff member, look-up with matrix, fixes, audit log, invites and check codes', async () => {
    seedStory(lab.repos, lab.config);
    // A passkey last used from a known PC, and a stranger's attempt on the story account: every part of a look-up.
    const customer = new Agent(lab.app);
    const phone = new SoftAuthenticator({
      origin: TEST_ORIGIN,
      transports: ['hybrid', 'internal'],
      backupEligible: true,
    });
    const created = await customer.post('/api/registration/options', { username: 'hanako' });
    await customer.post('/api/registration/verify', { response: phone.createCredential(created.body) });
    const get = await customer.post('/api/authentication/options', { username: 'hanako' });
    const used = await customer.post('/api/authentication/verify', {
      response: phone.getAssertion(get.body),
      client: WINDOWS_10_CHROME,
    });
    expect(used.status).toBe(200);
    expect((await new Agent(lab.app).post('/api/authentication/options', { username: 'taro' })).status).toBe(200);

    const staff = await signedInStaff('Sato');
    const member = lab.repos.staff.findById(lab.repos.staff.count())!;
    expect((await staff.get('/api/support/me')).body).toEqual({ name: 'Sato', since: member.createdAt });

    for (const username of ['taro', 'hanako']) {
      const account = lab.repos.accounts.findByUsername(username)!;
      const credentials = lab.repos.credentials.listForAccount(account.id);
      const lookUp = await staff.get(`/api/support/accounts/${username}?customerLang=ja`);
      expect(lookUp.status).toBe(200);
      expect(lookUp.body).toEqual(
        json({ ...accountView(lab.repos, account.id), matrix: deviceMatrix(credentials, 'en', 'ja', lab.config.rpId) }),
      );
      const fixes = await staff.get(`/api/support/accounts/${username}/fixes`);
      expect(fixes.body).toEqual(json({ fixes: proposeFixes(credentials, 'en', lab.config.rpId) }));
    }
    const taro = lab.repos.accounts.findByUsername('taro')!;
    expect(accountView(lab.repos, taro.id).timeline.others.length).toBeGreaterThan(0);
    const hanako = accountView(lab.repos, lab.repos.accounts.findByUsername('hanako')!.id);
    expect(hanako.passkeys[0]!.lastUsed?.device).toBe('Windows 10 · Chrome 150');
    const proposed = proposeFixes(lab.repos.credentials.listForAccount(taro.id), 'en', lab.config.rpId);
    expect(new Set(proposed.map((fix) => fix.kind))).toEqual(new Set(['store-transports', 'add-passkey-here']));
    const applied = await staff.post('/api/support/accounts/taro/fixes', { fixId: 'add-passkey-here' });
    expect(applied.body).toEqual({ applied: 'add-passkey-here' });
    expect(accountView(lab.repos, taro.id).asks.addPasskeyHere).toEqual(expect.any(Number));
    expect((await staff.get('/api/support/accounts/taro')).body.asks).toEqual(accountView(lab.repos, taro.id).asks);

    const invite = await staff.post('/api/support/invites', {});
    expect(Object.keys(invite.body).sort()).toEqual(['expiresAt', 'link']);
    expect(invite.body.link).toMatch(/^http:\/\/localhost:3000\/staff\/enroll#[A-Za-z0-9_-]{43}$/);

    const sent = await new Agent(lab.app).post('/api/check/codes', {
      facts: WINDOWS_10_NO_BLUETOOTH_FACTS,
      consent: true,
      username: 'taro',
    });
    expect(Object.keys(sent.body).sort()).toEqual(['code', 'expiresAt']);
    const code = await staff.get(`/api/support/check-codes/${sent.body.code}`);
    expect(code.body).toEqual(json(findCheckCode(lab.repos, sent.body.code)));
    expect(code.body.facts).toEqual(WINDOWS_10_NO_BLUETOOTH_FACTS);

    const audit = await staff.get('/api/support/audit');
    expect(audit.body).toEqual(json({ entries: lab.repos.audit.recent(200) }));
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toContain('check.lookup');
  });

  it('the self-check: the predicted sheet for this PC', async () => {
    const predicted = await new Agent(lab.app, { 'accept-language': 'en' }).post('/api/check/predict', {
      facts: WINDOWS_10_NO_BLUETOOTH_FACTS,
    });
    const device = deviceFromCheck(WINDOWS_10_NO_BLUETOOTH_FACTS);
    const prediction = predictDialog(
      inputFor([], { id: 'check', group: 'other', client: device.client }, 'en', lab.config.rpId),
      lab.config.rpId,
    );
    expect(predicted.body).toEqual(
      json({
        device: device.client,
        matrixDevice: device.matrixDevice,
        screen: prediction.screen,
        then: prediction.then,
      }),
    );
  });
});

describe("the support console's refusals keep the error shape", () => {
  const invalid = { error: { code: 'invalid_request', message: expect.stringMatching(/^Invalid request: /) } };

  it('malformed names, check codes, fixes and enrollment tokens get 400 { error: { code, message } }', async () => {
    const staff = await signedInStaff('Kato');
    for (const path of [
      '/api/support/accounts/taro%07',
      `/api/support/accounts/${'x'.repeat(65)}`,
      '/api/support/accounts/taro?customerLang=fr',
      '/api/support/check-codes/SHORT',
      '/api/support/check-codes/ABCD-EFGH-JKM!',
    ]) {
      const reply = await staff.get(path);
      expect([reply.status, reply.body], path).toEqual([400, invalid]);
    }
    for (const fixId of ['', 42]) {
      const reply = await staff.post('/api/support/accounts/taro/fixes', { fixId });
      expect([reply.status, reply.body], String(fixId)).toEqual([400, invalid]);
    }
    const token = await new Agent(lab.app).post('/api/staff/enroll/options', { token: 'not a token', name: 'Eve' });
    expect([token.status, token.body]).toEqual([400, invalid]);
    const unknownCode = await staff.get('/api/support/check-codes/ABCD-EFGH-JKMN');
    expect([unknownCode.status, unknownCode.body.error.code]).toEqual([404, 'check_code_not_found']);
  });
});

describe('every JSON route documents its success reply (/api/docs)', () => {
  it('each operation has a 2xx response schema, and every schema compiles', async () => {
    const spec = JSON.parse((await lab.app.inject({ url: '/api/docs/json' })).body) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
      >;
    };
    const undocumented: string[] = [];
    const ajv = new Ajv({ strict: false });
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (path.startsWith('/api/') && success.every(([, reply]) => !reply.content))
          undocumented.push(`${method} ${path}`);
        for (const reply of Object.values(operation.responses)) {
          for (const media of Object.values(reply.content ?? {}))
            expect(() => ajv.compile(media.schema), `${method} ${path}`).not.toThrow();
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('says that a route which writes may answer 503 not_saved (a commit holding its writes failed)', async () => {
    const spec = JSON.parse((await lab.app.inject({ url: '/api/docs/json' })).body) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const writers = ['/api/authentication/verify', '/api/registration/verify', '/api/account/credentials/{id}'];
    for (const path of writers) {
      expect(spec.paths[path], path).toBeDefined();
      for (const [method, operation] of Object.entries(spec.paths[path] ?? {}))
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain('503');
    }
    expect(Object.keys(spec.paths['/api/health']?.get?.responses ?? {})).not.toContain('503');
  });

  it("files each operation under a tag the document's tag list names", async () => {
    const spec = JSON.parse((await lab.app.inject({ url: '/api/docs/json' })).body) as {
      tags: { name: string }[];
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const named = new Set(spec.tags.map((tag) => tag.name));
    const unnamed = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        (operation.tags ?? []).filter((tag) => !named.has(tag)).map((tag) => `${method} ${path}: ${tag}`),
      ),
    );
    expect(unnamed).toEqual([]);
  });
});
