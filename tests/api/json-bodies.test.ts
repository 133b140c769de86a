import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// server/plugins/json-body.ts: a JSON body is read as UTF-8 only and its text stored exactly as sent, or refused.
// Fastify's own parser read every body as UTF-8 whatever charset it declared and put U+FFFD for bytes that are not
// UTF-8 (SQLite did the same with JSON's lone-surrogate escapes): "José" sent as ISO-8859-1 was stored "Jos\uFFFD".
// A refusal names its cause: the charset, the Content-Encoding (RFC 7694: 415), application/json for text/plain.

let stack: Stack;
let cookie: string;
const owner = new BrowserLikeClient();
beforeAll(async () => {
  stack = await startStack();
  await accountFlows(stack).signUpWithPasskey(owner, 'charset-owner');
  cookie = await owner.jar.getCookieString(`${stack.labUrl}/api/account`);
});
afterAll(async () => {
  await stack.close();
});

const rename = (contentType: string, body: Buffer) =>
  fetch(`${stack.labUrl}/api/account/display-name`, {
    method: 'PATCH',
    headers: { 'content-type': contentType, cookie },
    body: new Uint8Array(body),
  });
const storedDisplayName = async () =>
  ((await (await fetch(`${stack.labUrl}/api/account`, { headers: { cookie } })).json()) as { displayName: string })
    .displayName;
const json = (text: string) => `{"displayName":"${text}"}`;

describe('a display name is stored as sent, or refused', () => {
  const cases: [string, string, Buffer][] = [
    ['declared ISO-8859-1', 'application/json; charset=iso-8859-1', Buffer.from(json('José'), 'latin1')],
    [
      'declared Shift_JIS',
      'application/json; charset=shift_jis',
      Buffer.concat([Buffer.from('{"displayName":"'), Buffer.from([0x82, 0xa0]), Buffer.from('"}')]),
    ],
    [
      'UTF-8 with a stray byte',
      'application/json',
      Buffer.concat([Buffer.from('{"displayName":"A'), Buffer.from([0xff]), Buffer.from('"}')]),
    ],
    ['a lone surrogate escape', 'application/json', Buffer.from(json('A\\ud800'))],
  ];
  for (const [what, contentType, body] of cases) {
    it(`${what}: refused with a 4xx, and nothing stored with U+FFFD`, async () => {
      const before = await storedDisplayName();
      const reply = await rename(contentType, body);
      const text = await reply.text();
      expect(reply.status, text).toBe(contentType.includes('charset') ? 415 : 400);
      expect(await storedDisplayName()).toBe(before);
      expect(await storedDisplayName()).not.toContain('\uFFFD');
    });
  }
});

async function post(headers: Record<string, string>, body: Uint8Array<ArrayBuffer> | string) {
  const reply = await fetch(`${stack.labUrl}/api/recovery/code`, { method: 'POST', headers, body });
  return { status: reply.status, error: ((await reply.json()) as { error: { code: string; message: string } }).error };
}

describe('a body the lab does not read is refused with its cause named', () => {
  it('gzip-compressed JSON: the refusal names the encoding', async () => {
    const reply = await post(
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      new Uint8Array(gzipSync('{"username":"taro"}')),
    );
    expect(reply.status).toBe(415);
    expect(reply.error.message, JSON.stringify(reply.error)).toMatch(/gzip/);
  });

  it('UTF-16 JSON: the refusal names the charset', async () => {
    const reply = await post(
      { 'content-type': 'application/json; charset=utf-16' },
      new Uint8Array(Buffer.from('{"username":"taro"}', 'utf16le')),
    );
    expect(reply.status).toBe(415);
    expect(reply.error.message, JSON.stringify(reply.error)).toMatch(/utf-16/);
  });

  it('text/plain: the refusal says the lab takes application/json', async () => {
    const reply = await post({ 'content-type': 'text/plain' }, '{"username":"taro"}');
    expect(reply.status).toBe(415);
    expect(reply.error.message, JSON.stringify(reply.error)).toContain('application/json');
  });
});
