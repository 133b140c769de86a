import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../server/plugins/pages.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// Issue 15 point 10: a visitor who never signs in leaves no session row, whatever language they pick.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ IDP_MODE: 'off' });
});
afterAll(async () => {
  await stack.close();
});

const sessionRows = () => (stack.running.lab.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

describe('anonymous page views', () => {
  it('create zero session rows and set no session cookie, before and after the language switch', async () => {
    const visitor = new BrowserLikeClient({ 'accept-language': 'ja,en;q=0.5' });
    for (const page of PAGES) {
      const reply = await visitor.request(`${stack.labUrl}/${page}`);
      expect(reply.body).toContain('<html lang="ja">');
    }
    await visitor.request(`${stack.labUrl}/api/session`);
    // The login page's autofill asks for usernameless options on load: bound to the browser by its own cookie.
    expect((await visitor.request(`${stack.labUrl}/api/authentication/options`, { json: {} })).status).toBe(200);
    // The switch on the page writes the lang cookie (client/src/lib/i18n.ts); the next views follow it.
    await visitor.jar.setCookie('lang=en; Path=/; SameSite=Lax', stack.labUrl);
    for (const page of PAGES) {
      const reply = await visitor.request(`${stack.labUrl}/${page}`);
      expect(reply.body).toContain('<html lang="en">');
    }
    expect(sessionRows()).toBe(0);
    expect((await visitor.jar.getCookies(stack.labUrl)).map((cookie) => cookie.key).sort()).toEqual([
      'lab_ceremony',
      'lang',
    ]);
  });
});
