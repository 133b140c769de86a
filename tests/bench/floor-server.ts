import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import Fastify from 'fastify';
import { badRequest } from '../../server/errors.js';
import { challengeFromClientData } from '../../server/webauthn/challenges.js';

// The benchmark's floor: the same four ceremony endpoints as the lab, on the same Fastify and the same library calls,
// with everything the lab adds left out (no session, cookies, security headers, rate limits, schemas, SQLite, ceremony
// log, dialog prediction; state in Maps). `npm run bench` drives it with the same load as the lab, so the run shows
// how much of the bare verify rate a login over HTTP can reach at all before the lab does any work of its own.

const port = Number(process.env.PORT);
const origin = `http://localhost:${port}`;
const rpID = 'localhost';
const pending = new Map<string, string>(); // challenge → username
const credentials = new Map<string, WebAuthnCredential>(); // username → its passkey

function take(challenge: string): string {
  const username = pending.get(challenge);
  if (username === undefined) throw badRequest('unknown_challenge', 'unknown challenge');
  pending.delete(challenge);
  return username;
}

const app = Fastify();
// FLOOR_EXTRA_WORK_US: busy-wait this long in every request, standing in for work a relying party adds (an experiment:
// how much throughput a given amount of per-request work costs on top of the floor).
const extraWorkMs = Number(process.env.FLOOR_EXTRA_WORK_US ?? 0) / 1000;
if (extraWorkMs > 0) {
  app.addHook('preHandler', (_request, _reply, done) => {
    const end = performance.now() + extraWorkMs;
    while (performance.now() < end);
    done();
  });
}
app.get('/api/health', async () => ({ status: 'ok' }));

app.post<{ Body: { username: string } }>('/api/registration/options', async (request) => {
  const options = await generateRegistrationOptions({
    rpName: 'floor',
    rpID,
    userName: request.body.username,
    supportedAlgorithmIDs: [-7],
  });
  pending.set(options.challenge, request.body.username);
  return options;
});

app.post<{ Body: { response: RegistrationResponseJSON } }>('/api/registration/verify', async (request) => {
  const challenge = challengeFromClientData(request.body.response.response.clientDataJSON);
  const username = take(challenge);
  const { verified, registrationInfo } = await verifyRegistrationResponse({
    response: request.body.response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
  });
  if (verified && registrationInfo) credentials.set(username, registrationInfo.credential);
  return { verified };
});

app.post<{ Body: { username: string } }>('/api/authentication/options', async (request) => {
  const credential = credentials.get(request.body.username);
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: credential ? [{ id: credential.id, transports: credential.transports }] : [],
  });
  pending.set(options.challenge, request.body.username);
  return options;
});

app.post<{ Body: { response: AuthenticationResponseJSON } }>('/api/authentication/verify', async (request) => {
  const challenge = challengeFromClientData(request.body.response.response.clientDataJSON);
  const credential = credentials.get(take(challenge));
  if (!credential) throw badRequest('unknown_credential', 'unknown credential');
  const { verified, authenticationInfo } = await verifyAuthenticationResponse({
    response: request.body.response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential,
  });
  credential.counter = authenticationInfo.newCounter;
  return { verified };
});

await app.listen({ port, host: '127.0.0.1' });
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void app.close().then(() => process.exit(0)));
