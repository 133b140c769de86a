import { describe, expect, it } from 'vitest';
import { stackPerFile } from '../support/stack-per-test.js';

// A page address the lab does not have gets a page in the visitor's language with the way to the login page (it was
// one English line, "404 — No route for GET /acount."); a page address with a trailing slash is the page itself. An
// API or asset address keeps the JSON error shape.

const shared = stackPerFile();
const get = (path: string, lang = 'ja') =>
  fetch(`${shared.stack.labUrl}${path}`, { headers: { 'accept-language': lang }, redirect: 'manual' });

describe('a page address the lab does not have', () => {
  it('is a page in Japanese for a Japanese visitor, and in English for an English one', async () => {
    const ja = await get('/acount');
    expect(ja.status).toBe(404);
    expect(ja.headers.get('content-type')).toContain('text/html');
    const body = await ja.text();
    expect(body).toContain('<html lang="ja">');
    expect(body).toContain('ページが見つかりません');
    expect(body).toContain('href="/login"');
    expect(await (await get('/acount', 'en')).text()).toContain('Page not found');
  });

  it('with a trailing slash is the page itself, and never a redirect elsewhere', async () => {
    const slash = await get('/login/?autofill=off');
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe('/login?autofill=off');
    expect((await get('//example.com/')).headers.get('location')).toBeNull();
    expect((await get('/nowhere/')).status).toBe(404);
  });

  it('under /api/ or /assets/ keeps the JSON error shape', async () => {
    for (const path of ['/api/nowhere', '/assets/nowhere.js']) {
      const reply = await get(path);
      expect(reply.status).toBe(404);
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
