import { describe, expect, it } from 'vitest';
import { Agent, startTestLab } from '../support/lab.js';

// The "Open on your phone" page, as a browser gets it (no script needed for the QR code or the notice).

describe('/phone', () => {
  it('says plainly, in English and Japanese, why http://192.168.x.y cannot work for passkeys on a phone', async () => {
    const lab = await startTestLab({ PUBLIC_ORIGIN: 'http://192.168.1.20:3000' });
    try {
      const en = await new Agent(lab.app, { host: '192.168.1.20:3000', 'accept-language': 'en' }).get<string>('/phone');
      expect(en.status).toBe(200);
      expect(en.body).toContain('data-testid="phone-cannot"');
      expect(en.body).toContain('data-problem="ip-address"');
      expect(en.body).toContain('data-problem="plain-http"');
      expect(en.body).not.toContain('data-problem="localhost"');
      expect(en.body).toContain('A phone cannot use passkeys at this address');
      expect(en.body).toContain('data-url="http://192.168.1.20:3000/login"');
      expect(en.body).not.toMatch(/<script(?![^>]*src=)/); // the strict CSP: no inline script

      const ja = await new Agent(lab.app, { host: '192.168.1.20:3000', 'accept-language': 'ja' }).get<string>('/phone');
      expect(ja.body).toContain('<html lang="ja">');
      expect(ja.body).toContain('このアドレスではスマートフォンでパスキーを使えません');
      expect(ja.body).toContain('IP アドレスです');
    } finally {
      await lab.app.close();
    }
  });

  it('shows what a phone needs, and no notice, at a configured https address with a name', async () => {
    const lab = await startTestLab({ PUBLIC_ORIGIN: 'https://lab.home.arpa:3443', TRUST_PROXY: 'true' });
    try {
      const page = await new Agent(lab.app, {
        host: 'lab.home.arpa:3443',
        'x-forwarded-proto': 'https',
        'accept-language': 'en',
      }).get<string>('/phone');
      expect(page.body).toContain('data-testid="phone-ready"');
      expect(page.body).not.toContain('data-testid="phone-cannot"');
      expect(page.body).toContain('data-url="https://lab.home.arpa:3443/login"');
      expect(page.body).toMatch(/<svg[^>]*viewBox/);
    } finally {
      await lab.app.close();
    }
  });

  it('reached at an address the lab is not set up for, shows the configured one and says why this one fails', async () => {
    const lab = await startTestLab({ PUBLIC_ORIGIN: 'https://lab.home.arpa:3443' });
    try {
      const page = await new Agent(lab.app, { host: '192.168.1.20:3443', 'accept-language': 'en' }).get<string>(
        '/phone',
      );
      expect(page.body).toContain('data-url="https://lab.home.arpa:3443/login"');
      expect(page.body).toContain('data-problem="not-configured"');
    } finally {
      await lab.app.close();
    }
  });

  it('has no CA to download when the lab is not serving a local CA chain', async () => {
    const lab = await startTestLab();
    try {
      const reply = await new Agent(lab.app).get('/phone/ca.crt');
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('no_local_ca');
    } finally {
      await lab.app.close();
    }
  });
});
