import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { startTestLab } from '../support/lab.js';

// Property test: malformed and hostile input at every documented route gets a 4xx with { error: { code, message } }
// (or a normal answer), never a 5xx, and the server still answers afterwards.

let lab: Lab;
let routes: { method: string; url: string; bodyKeys: string[] }[];

interface Operation {
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

beforeAll(async () => {
  lab = await startTestLab({ IDP_MODE: 'mock', IDP_PORT: '4999' });
  const spec = JSON.parse((await lab.app.inject({ url: '/api/docs/json' })).body) as {
    paths: Record<string, Record<string, Operation>>;
  };
  routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      url: path,
      // The route's own body fields: a shaped body cut down to them gets past additionalProperties: false.
      bodyKeys: Object.keys(operation.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
    })),
  );
});
afterAll(async () => {
  await lab.app.close();
});

// Names an object literal inherits: a lookup keyed by request data must never find these (issue 15 point 17).
const inheritedNames = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
);
const hostileString = fc.oneof(
  fc.string(),
  inheritedNames,
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    'A'.repeat(5000),
    '😀'.repeat(100),
    'NaN',
    '-1',
    '1e309',
  ),
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

// Nesting far deeper than any real value (issue 15 point 8): a logged body must never overflow JSON.stringify. The
// arbitrary is a placeholder that serialize() expands into the nested text, so the test never stringifies it itself.
const deepValue = fc
  .tuple(fc.integer({ min: 2_000, max: 8_000 }), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) => `\u0000deep:${kind}:${depth}`);
const serialize = (value: unknown) =>
  (JSON.stringify(value) ?? 'null').replace(
    /"\\u0000deep:(array|object):(\d+)"/g,
    (_all, kind: string, depth: string) =>
      kind === 'array'
        ? `${'['.repeat(Number(depth))}1${']'.repeat(Number(depth))}`
        : `${'{"a":'.repeat(Number(depth))}1${'}'.repeat(Number(depth))}`,
  );
const freeForm = fc.oneof(hostileValue, deepValue);
const base64url = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  minLength: 1,
  maxLength: 64,
});
// A credential response that passes the schema's required fields, so hostile free-form parts reach the ceremony and its log.
const wellFormedResponse = fc.record({
  id: base64url,
  rawId: base64url,
  type: fc.constant('public-key'),
  response: fc.record(
    {
      clientDataJSON: base64url,
      attestationObject: base64url,
      authenticatorData: base64url,
      signature: base64url,
      extra: freeForm,
    },
    { requiredKeys: ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature'] },
  ),
  clientExtensionResults: fc.oneof(fc.constant({}), fc.dictionary(hostileString, freeForm, { maxKeys: 3 })),
});

// Bodies shaped like the real ones, with hostile contents, reach deeper than random noise: each field is often
// schema-valid, so a body cut down to a route's fields reaches its handler, its lookups and its logging.
const shapedBody = fc.record(
  {
    username: fc.oneof(hostileValue, inheritedNames, fc.string({ minLength: 1, maxLength: 32 })),
    response: fc.oneof(
      hostileValue,
      wellFormedResponse,
      fc.record({
        id: hostileString,
        rawId: hostileString,
        type: fc.constant('public-key'),
        response: fc.dictionary(hostileString, hostileString),
        clientExtensionResults: fc.constant({}),
      }),
    ),
    client: fc.oneof(
      hostileValue,
      fc.record(
        { userAgent: fc.string({ maxLength: 300 }), platform: fc.oneof(inheritedNames, fc.string({ maxLength: 20 })) },
        { requiredKeys: [] },
      ),
    ),
    ceremony: fc.constantFrom('get', 'create', 'x'),
    hints: hostileValue,
    transportsMode: hostileString,
    challenge: fc.oneof(hostileString, base64url),
    name: fc.oneof(inheritedNames, hostileString),
    label: fc.oneof(hostileValue, fc.string({ maxLength: 64 })),
    ['__proto__']: hostileValue,
  },
  { requiredKeys: [] },
);

const rawPayload = fc.oneof(
  hostileValue.map((value) => ({ payload: serialize(value), type: 'application/json' })),
  shapedBody.map((value) => ({ payload: serialize(value), type: 'application/json' })),
  fc.string().map((text) => ({ payload: text, type: 'application/json' })),
  fc.string().map((text) => ({ payload: text, type: 'application/x-www-form-urlencoded' })),
  fc.constant({ payload: '{"a":'.repeat(2000), type: 'application/json' }),
  fc.constant({ payload: '', type: 'application/json' }),
);

describe('hostile input', () => {
  it('never answers 5xx, and every refusal has the error shape', async () => {
    expect(routes.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.boolean(),
        rawPayload,
        shapedBody,
        hostileString,
        hostileString,
        async (index, cutToRoute, raw, shaped, pathPart, cookie) => {
          const route = routes[index % routes.length]!;
          // Half the time, a shaped body with only the route's own fields, so it reaches the handler and its logging.
          const body =
            cutToRoute && route.bodyKeys.length > 0
              ? {
                  payload: serialize(
                    Object.fromEntries(Object.entries(shaped).filter(([key]) => route.bodyKeys.includes(key))),
                  ),
                  type: 'application/json',
                }
              : raw;
          const url =
            route.url.replace(/\{[^}]+\}/g, encodeURIComponent(pathPart) || 'x') +
            (index % 3 === 0 ? `?limit=${encodeURIComponent(pathPart)}&state=${encodeURIComponent(pathPart)}` : '');
          const withBody = route.method !== 'GET' && route.method !== 'DELETE';
          const response = await lab.app.inject({
            method: route.method as 'GET',
            url,
            headers: {
              cookie: `lab_session=${encodeURIComponent(cookie)}`,
              ...(withBody ? { 'content-type': body.type } : {}),
            },
            ...(withBody ? { payload: body.payload } : {}),
          });
          expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
          if (response.statusCode >= 400 && response.headers['content-type']?.toString().includes('json')) {
            const parsed = JSON.parse(response.body);
            expect(typeof parsed.error?.code, `${route.method} ${url}: ${response.body}`).toBe('string');
            expect(typeof parsed.error?.message).toBe('string');
          }
        },
      ),
      { numRuns: 3000 },
    );
    const health = await lab.app.inject({ url: '/api/health' });
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  }, 120_000);
});
