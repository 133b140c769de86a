import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idpStrings } from '../../server/idp/strings.js';
import { BrowserLikeClient, formOf, last, startStack, type Stack } from '../support/stack.js';

// oidc-provider's own refusals, as a browser sees them: each known error code in plain words in the visitor's
// language (the code only behind the details toggle), and an address the provider does not have as a page, not JSON.
// Before: every code but invalid_request/login_required said only "could not go on", and /google/<unknown> answered
// oidc-provider's JSON {"error":"invalid_request",...} to a browser.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const unknownClient = (lang: string) =>
  `/line/auth?client_id=unknown&response_type=code&scope=openid&ui_locales=${lang}&redirect_uri=x`;
/** The visible text outside the developers' details. */
const beforeDetails = (body: string) => body.split('<details>')[0]!;

describe("oidc-provider's refusals in plain words", () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`an unknown application (invalid_client) says it is the lab's setup problem, in ${lang}`, async () => {
      const client = new BrowserLikeClient({ 'accept-language': lang, accept: browserAccept });
      const reply = await client.request(`${stack.idpUrl}${unknownClient(lang)}`);
      expect(reply.status).toBe(400);
      expect(reply.body).toContain(`<html lang="${lang}">`);
      expect(beforeDetails(reply.body)).toContain(idpStrings[lang].errorClient);
      expect(beforeDetails(reply.body)).not.toContain('invalid_client');
      expect(reply.body).toMatch(/<details>[\s\S]*invalid_client[\s\S]*<\/details>/);
    });
  }

  it('an address the provider does not have: a not-found page for a browser, in its language', async () => {
    const client = new BrowserLikeClient({ 'accept-language': 'ja', accept: browserAccept });
    const reply = await client.request(`${stack.idpUrl}/google/nowhere`);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatch(/^<!doctype html>/);
    expect(reply.body).toContain('data-kind="not-found"');
    expect(reply.body).toContain(idpStrings.ja.errorNotFound);
  });

  it('programs asking for JSON keep oidc-provider JSON errors', async () => {
    const client = new BrowserLikeClient({ accept: 'application/json' });
    const reply = await client.request(`${stack.idpUrl}/google/nowhere`);
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ error: 'invalid_request' });
  });

  it('a form sent without its CSRF token (a stale tab, cookies cleared): the expired page in the visitor language', async () => {
    const client = new BrowserLikeClient({ 'accept-language': 'ja', accept: browserAccept });
    const chooser = last(await client.follow(`${stack.labUrl}/auth/google/start`));
    const password = formOf(chooser.body, [...chooser.body.matchAll(/<form/g)].length - 1);
    const reply = await client.request(new URL(password.action, stack.idpUrl).href, {
      form: { ...password.inputs, _csrf: 'stale', email: 'a@example.com', password: 'x' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('<html lang="ja">');
    expect(reply.body).toContain('data-kind="expired"');
    expect(reply.body).toContain(idpStrings.ja.errorExpired);
  });
});
