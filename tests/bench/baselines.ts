import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// Baselines measured on this machine in the same run as the end-to-end benchmark (run this file pinned to the
// server's core): the raw ECDSA P-256 verify rate and the bare @simplewebauthn/server verification rate.

const ORIGIN = 'http://localhost:3000';
const DURATION_MS = Number(process.env.BASELINE_MS ?? 3000);

function rawEcdsaRate(): number {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = createHash('sha256').update('authenticatorData||clientDataHash').digest();
  const signature = sign('sha256', data, privateKey);
  let count = 0;
  const end = performance.now() + DURATION_MS;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) verify('sha256', data, publicKey, signature);
    count += 100;
  }
  return (count / DURATION_MS) * 1000;
}

async function bareVerifyRate(inFlight: number, durationMs = DURATION_MS): Promise<number> {
  const authenticator = new SoftAuthenticator({ origin: ORIGIN });
  const challenge = 'YmVuY2htYXJrLWNoYWxsZW5nZQ';
  const registration = authenticator.createCredential({
    rp: { id: 'localhost', name: 'bench' },
    user: { id: 'dXNlcg', name: 'u', displayName: 'u' },
    challenge,
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  } as never);
  const credential = authenticator.credentials[0]!;
  const publicKey = credential.publicKeyCose;
  const assertion = authenticator.getAssertion({
    challenge,
    rpId: 'localhost',
    allowCredentials: [{ id: registration.id, type: 'public-key' }],
  } as never);
  const once = () =>
    verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: 'localhost',
      credential: { id: registration.id, publicKey: new Uint8Array(publicKey), counter: 0 },
      requireUserVerification: false,
    });
  let count = 0;
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        const result = await once();
        if (!result.verified) throw new Error('baseline verification failed');
        count += 1;
      }
    }),
  );
  return (count / durationMs) * 1000;
}

// Not recorded: like the server, the library is measured warm (JIT-compiled), not in its first milliseconds.
await bareVerifyRate(16, 500);
await bareVerifyRate(1, 300);
const result = {
  rawEcdsaVerifyPerSecond: rawEcdsaRate(),
  bareVerifyAuthenticationSequentialPerSecond: await bareVerifyRate(1),
  bareVerifyAuthentication16InFlightPerSecond: await bareVerifyRate(16),
};
process.stdout.write(JSON.stringify(result));
