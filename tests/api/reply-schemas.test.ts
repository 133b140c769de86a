import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentCredential } from '../../server/account/health.js';
import { signalPayloads } from '../../server/account/signals.js';
import type { Lab } from '../../server/app.js';
import { compareStrategies } from '../../server/dialogs/best-practice.js';
import { predictDialog } from '../../server/dialogs/predict.js';
import { Agent, startTestLab, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

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

describe('every JSON route documents its success reply (/api/docs)', () => {
  it('each operation outside the support console has a 2xx response schema, and every schema compiles', async () => {
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
        const supportConsole = /^\/api\/(support|staff|check)\//.test(path);
        if (path.startsWith('/api/') && !supportConsole && success.every(([, reply]) => !reply.content))
          undocumented.push(`${method} ${path}`);
        for (const reply of Object.values(operation.responses)) {
          for (const media of Object.values(reply.content ?? {}))
            expect(() => ajv.compile(media.schema), `${method} ${path}`).not.toThrow();
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
