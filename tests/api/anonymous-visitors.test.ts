import { describe, expect, it } from 'vitest';
import { PAGES } from '../../server/plugins/pages.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Issue 15 point 10: a visitor who never signs in leaves no session row, whatever language they pick.

const lab = stackPerFile({ IDP_MODE: 'off' });

const sessionRows = () =>
  (lab.stack.running.lab.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

describe('anonymous page views', () => {
  it('create zero session rows and set no session cookie, before and after the language switch', async () => {
    const visitor = new BrowserLikeClient({ 'accept-language': 'ja,en;q=0.5' });
    for (const page of PAGES) {
      const reply = await visitor.request(`${lab.stack.labUrl}/${page}`);
      expect(reply.body).toContain('<html lang="ja">');
    }
    await visitor.request(`${lab.stack.labUrl}/api/session`);
    // The login page's autofill asks for usernameless options on load: bound to the browser by its own cookie.
    expect((await visitor.request(`${lab.stack.labUrl}/api/authentication/options`, { json: {} })).status).toBe(200);
    // The switch on the page writes the lang cookie (client/src/lib/i18n.ts); the next views follow it.
    await visitor.jar.setCookie('lang=en; Path=/; SameSite=Lax', lab.stack.labUrl);
    for (const page of PAGES) {
      const reply = await visitor.request(`${lab.stack.labUrl}/${page}`);
      expect(reply.body).toContain('<html lang="en">');
    }
    expect(sessionRows()).toBe(0);
    expect((await visitor.jar.getCookies(lab.stack.labUrl)).map((cookie) => cookie.key).sort()).toEqual([
      'lab_ceremony',
      'lang',
    ]);
  });
});
