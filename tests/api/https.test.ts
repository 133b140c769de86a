import { accountFlows } from '../support/account-flows.js';
import { readFileSync, rmSync } from 'node:fs';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { HttpAgent } from '../support/http-agent.js';
import { testCertificates, type TestCertificates } from '../support/https.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// The lab and its mock providers over HTTPS with a certificate made by `npm run cert`'s own code, trusted the way a
// phone trusts it: only through the generated CA.

let certs: TestCertificates;
let stack: Stack;
beforeAll(async () => {
  certs = await testCertificates('lab.home.arpa');
  stack = await startStack({ TLS_CERT: certs.files.cert, TLS_KEY: certs.files.key });
  seedStory(stack.running.lab.repos, stack.config);
});
afterAll(async () => {
  await stack?.close();
  rmSync(certs.dataDir, { recursive: true, force: true });
});

function peerCertificate(port: number): Promise<{ authorized: boolean; certificate: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: certs.caPem }, () => {
      resolve({ authorized: socket.authorized, certificate: socket.getPeerCertificate() });
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('HTTPS with TLS_CERT / TLS_KEY', () => {
  it('serves the lab and the mock providers over HTTPS with the generated certificate', async () => {
    expect(stack.labUrl).toMatch(/^https:\/\/localhost:\d+$/);
    expect(stack.idpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const lab = await peerCertificate(Number(new URL(stack.labUrl).port));
    expect(lab.authorized).toBe(true);
    expect(lab.certificate.subjectaltname).toContain('DNS:lab.home.arpa');
    expect(lab.certificate.issuer.CN).toBe('Passkey Dialog Lab local CA');
    expect((await certs.fetch(`${stack.labUrl}/api/health`)).status).toBe(200);
    expect((await certs.fetch(`${stack.idpUrl}/google/.well-known/openid-configuration`)).status).toBe(200);
    // Phones can fetch the CA from the lab itself (DER, as Android and iOS expect), the very CA npm run cert made.
    const ca = await certs.fetch(`${stack.labUrl}/phone/ca.crt`);
    expect(ca.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect(Buffer.from(await ca.arrayBuffer()).equals(readFileSync(certs.files.caCrt))).toBe(true);
    // Without the CA the certificate is not trusted: the lab really is behind the generated chain.
    await expect(fetch(`${stack.labUrl}/api/health`)).rejects.toThrow();
  });

  it('registers and logs in with a passkey over HTTPS; cookies are Secure', async () => {
    const phone = new SoftAuthenticator({
      origin: stack.labUrl,
      transports: ['hybrid', 'internal'],
      backupEligible: true,
      backedUp: true,
    });
    const signup = new HttpAgent(stack.labUrl, certs.fetch);
    const creation = await signup.post('/api/registration/options', { username: 'https-user' });
    expect(creation.status).toBe(200);
    expect(creation.body.rp.id).toBe('localhost');
    expect(
      (await signup.post('/api/registration/verify', { response: phone.createCredential(creation.body) })).status,
    ).toBe(200);

    const options = await certs.fetch(`${stack.labUrl}/api/authentication/options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'https-user' }),
    });
    const binding = options.headers.getSetCookie();
    expect(binding.join('\n')).toMatch(/lab_ceremony=[^;]+;.*Secure/);
    const cookie = binding.map((line) => line.split(';')[0]).join('; ');
    const verify = await certs.fetch(`${stack.labUrl}/api/authentication/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ response: phone.getAssertion((await options.json()) as never) }),
    });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ verified: true, user: { username: 'https-user' } });
    expect(verify.headers.getSetCookie().join('\n')).toMatch(/lab_session=[^;]+;.*Secure/);
  });

  it('refuses a passkey response made for an origin that is not in PUBLIC_ORIGIN', async () => {
    const agent = new HttpAgent(stack.labUrl, certs.fetch);
    const phishing = new SoftAuthenticator({ origin: 'https://lab.home.arpa.phish.example' });
    const options = await agent.post('/api/registration/options', { username: 'https-phished' });
    const verify = await agent.post('/api/registration/verify', { response: phishing.createCredential(options.body) });
    expect(verify.status).toBe(400);
    expect(verify.body.error.message).toMatch(/origin/i);
  });

  it('runs a fallback login against the mock provider over HTTPS (discovery and token exchange trust the chain)', async () => {
    const client = new BrowserLikeClient({ 'accept-language': 'en' }, certs.fetch);
    const hops = await accountFlows(stack).googleAs(
      client,
      `${stack.labUrl}/auth/google/start`,
      'taro.personal@gmail.example',
    );
    // Taro's Google account is not linked (the story): the lab got and checked the ID token, then refused neutrally.
    const back = hops.find((hop) => hop.url.startsWith(`${stack.labUrl}/auth/google/callback`))!;
    expect(back.location).toBe(`${stack.labUrl}/login?error=not_linked`);
  });
});
