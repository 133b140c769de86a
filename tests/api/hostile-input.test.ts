import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { startTestLab } from '../support/lab.js';

// Property test: malformed and hostile input at every documented route gets a 4xx with { error: { code, message } }
// (or a normal answer), never a 5xx, and the server still answers afterwards.

let lab: Lab;
let routes: { method: string; url: string }[];

beforeAll(async () => {
  lab = await startTestLab({ IDP_MODE: 'mock', IDP_PORT: '4999' });
  const spec = JSON.parse((await lab.app.inject({ url: '/api/docs/json' })).body) as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), url: path })));
});
afterAll(async () => {
  await lab.app.close();
});

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '../../etc/passwd', '%00', '\u0000', '<script>alert(1)</script>', "' OR 1=1 --", 'A'.repeat(5000), '😀'.repeat(100), 'NaN', '-1', '1e309'),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 6 }),
  ),
})).value;

// Bodies shaped like the real ones, with hostile contents, reach deeper than random noise.
const shapedBody = fc.record(
  {
    username: hostileValue,
    response: fc.oneof(hostileValue, fc.record({ id: hostileString, rawId: hostileString, type: fc.constant('public-key'), response: fc.dictionary(hostileString, hostileString), clientExtensionResults: fc.constant({}) })),
    client: hostileValue,
    ceremony: fc.constantFrom('get', 'create', 'x'),
    hints: hostileValue,
    transportsMode: hostileString,
    challenge: hostileString,
    name: hostileString,
    label: hostileValue,
    __proto__: hostileValue,
  },
  { requiredKeys: [] },
);

const rawPayload = fc.oneof(
  hostileValue.map((value) => ({ payload: JSON.stringify(value) ?? 'null', type: 'application/json' })),
  shapedBody.map((value) => ({ payload: JSON.stringify(value), type: 'application/json' })),
  fc.string().map((text) => ({ payload: text, type: 'application/json' })),
  fc.string().map((text) => ({ payload: text, type: 'application/x-www-form-urlencoded' })),
  fc.constant({ payload: '{"a":'.repeat(2000), type: 'application/json' }),
  fc.constant({ payload: '', type: 'application/json' }),
);

describe('hostile input', () => {
  it('never answers 5xx, and every refusal has the error shape', async () => {
    expect(routes.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(fc.nat(), rawPayload, hostileString, hostileString, async (index, body, pathPart, cookie) => {
        const route = routes[index % routes.length]!;
        const url = route.url.replace(/\{[^}]+\}/g, encodeURIComponent(pathPart) || 'x') + (index % 3 === 0 ? `?limit=${encodeURIComponent(pathPart)}&state=${encodeURIComponent(pathPart)}` : '');
        const withBody = route.method !== 'GET' && route.method !== 'DELETE';
        const response = await lab.app.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: `lab_session=${encodeURIComponent(cookie)}`, ...(withBody ? { 'content-type': body.type } : {}) },
          ...(withBody ? { payload: body.payload } : {}),
        });
        expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
        if (response.statusCode >= 400 && response.headers['content-type']?.toString().includes('json')) {
          const parsed = JSON.parse(response.body);
          expect(typeof parsed.error?.code, `${route.method} ${url}: ${response.body}`).toBe('string');
          expect(typeof parsed.error?.message).toBe('string');
        }
      }),
      { numRuns: 1500 },
    );
    const health = await lab.app.inject({ url: '/api/health' });
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  }, 120_000);
});
