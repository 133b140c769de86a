import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOGLE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { idpStrings } from '../../server/idp/strings.js';
import { BrowserLikeClient, formOf, last, startStack, type Hop, type Stack } from '../support/stack.js';

// A visitor who goes Back into a finished Google-like login (or opens its page after it expired) gets a page in their
// language with the way back to the lab. Before: raw JSON from Fastify on /ui/google/:uid (the providers' error handler
// was set after their routes, so it never ran) and oidc-provider's English-only page on /google/auth/:uid.

let stack: Stack;
let hops: Hop[];
const client = new BrowserLikeClient({ 'accept-language': 'ja' });
beforeAll(async () => {
  stack = await startStack();
  const chooser = last(await client.follow(`${stack.labUrl}/auth/google/start`));
  const forms = [...chooser.body.matchAll(/<form/g)].map((_, index) => formOf(chooser.body, index));
  const account = GOOGLE_LIKE_ACCOUNTS[0]!;
  const password = last(forms);
  const toConsent = await client.follow(new URL(password.action, stack.idpUrl).href, {
    form: { ...password.inputs, email: account.email, password: account.password },
  });
  const consent = formOf(last(toConsent).body);
  const back = await client.follow(new URL(consent.action, stack.idpUrl).href, {
    form: { ...consent.inputs, decision: 'allow' },
  });
  hops = [chooser, ...toConsent, ...back];
  expect(last(back).url.startsWith(stack.labUrl)).toBe(true);
});
afterAll(async () => {
  await stack.close();
});

/** Japanese text on the page beyond the demo label every mock page carries. */
const japaneseBeyondLabel = (body: string) =>
  /[\u3040-\u30ff\u4e00-\u9fff]/.test(
    body.replaceAll(idpStrings.ja.demoLabel, '').replaceAll(idpStrings.ja.demoShort, ''),
  );

describe('the mock identity provider explains a finished or expired login in the visitor language', () => {
  it('Back to the account chooser (/ui/google/:uid): a Japanese page, not raw English JSON', async () => {
    const url = hops.find((hop) => /\/ui\/google\/[^/]+$/.test(new URL(hop.url).pathname))!.url;
    const again = await client.request(url);
    expect(again.status).toBe(400);
    expect(again.body, again.body).not.toMatch(/^\{"statusCode"/);
    expect(japaneseBeyondLabel(again.body), again.body).toBe(true);
  });

  it('Back to the provider resume URL (/google/auth/:uid): the error page is in Japanese too', async () => {
    const url = hops.find((hop) => /\/google\/auth\/[^/]+$/.test(new URL(hop.url).pathname))!.url;
    const again = await client.request(url);
    expect(again.status).toBe(400);
    expect(japaneseBeyondLabel(again.body), again.body).toBe(true);
    expect(again.body).toContain('data-testid="idp-back"');
  });

  it('an unknown page of the provider: a 404 page in the visitor language, not JSON', async () => {
    const reply = await client.request(`${stack.idpUrl}/ui/nowhere`);
    expect(reply.status).toBe(404);
    expect(reply.body).toContain('data-kind="not-found"');
    expect(japaneseBeyondLabel(reply.body), reply.body).toBe(true);
  });
});
