import { describe, expect, it } from 'vitest';
import { stackPerFile } from '../support/stack-per-test.js';

// Issue 15 points 8 and 17 over real HTTP: bodies that used to reach a 500.

const lab = stackPerFile();

async function post(path: string, payload: string) {
  const response = await fetch(`${lab.stack.labUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string }; outcome?: string },
  };
}

const deepArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const credentialFields = '"id":"AAAA","rawId":"AAAA","type":"public-key"';
const registrationParts = '"clientDataJSON":"AAAA","attestationObject":"AAAA"';
const authenticationParts = '"clientDataJSON":"AAAA","authenticatorData":"AAAA","signature":"AAAA"';

describe('free-form parts of a credential response are bounded by schema (point 8)', () => {
  const cases: [string, string, string][] = [
    [
      'clientExtensionResults of a registration',
      '/api/registration/verify',
      `{"response":{${credentialFields},"response":{${registrationParts}},"clientExtensionResults":{"x":${deepArray(6000)}}}}`,
    ],
    [
      'clientExtensionResults of a login',
      '/api/authentication/verify',
      `{"response":{${credentialFields},"response":{${authenticationParts}},"clientExtensionResults":{"x":${deepArray(6000)}}}}`,
    ],
    [
      'an extra field of response.response',
      '/api/authentication/verify',
      `{"response":{${credentialFields},"response":{${authenticationParts},"extra":${deepArray(6000)}},"clientExtensionResults":{}}}`,
    ],
    [
      'an extra field of the credential',
      '/api/registration/verify',
      `{"response":{${credentialFields},"response":{${registrationParts}},"clientExtensionResults":{},"extra":${deepArray(6000)}}}`,
    ],
  ];
  for (const [where, path, payload] of cases) {
    it(`a 6,000-deep array in ${where} gets a 400, not a 500`, async () => {
      const reply = await post(path, payload);
      expect(reply.status).toBe(400);
      expect(reply.body.error?.code).toBe('invalid_request');
    });
  }

  it('real extension outputs still pass (credProps, prf, largeBlob)', async () => {
    const payload = `{"response":{${credentialFields},"response":{${registrationParts},"publicKeyAlgorithm":-7},"clientExtensionResults":{"credProps":{"rk":true},"prf":{"enabled":true,"results":{"first":"AAAA"}},"largeBlob":{"supported":true}}}}`;
    const reply = await post('/api/registration/verify', payload);
    // Past the schema: refused by the ceremony itself (clientDataJSON is not JSON), not by the shape check.
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('malformed_client_data');
  });
});

describe('lookups keyed by request data find no inherited members (point 17)', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    it(`a failure report named "${name}" is an ordinary error`, async () => {
      const reply = await post('/api/authentication/failure', JSON.stringify({ name }));
      expect(reply.status).toBe(200);
      expect(reply.body.outcome).toBe('error');
    });
  }
});
