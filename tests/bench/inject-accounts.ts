import type { FastifyInstance } from 'fastify';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

/** One of the in-process benches' accounts: a username and the software authenticator holding its passkey. */
export interface InjectAccount {
  username: string;
  authenticator: SoftAuthenticator;
}

/** A ceremony through Fastify's inject: options, then verify with the ceremony cookie and the authenticator's answer. */
export async function injectCeremony(
  app: FastifyInstance,
  kind: 'registration' | 'authentication',
  username: string,
  answer: (options: never) => unknown,
): Promise<void> {
  const options = await app.inject({ method: 'POST', url: `/api/${kind}/options`, payload: { username } });
  const cookie = { lab_ceremony: options.cookies.find((c) => c.name === 'lab_ceremony')!.value };
  const verify = await app.inject({
    method: 'POST',
    url: `/api/${kind}/verify`,
    cookies: cookie,
    payload: { response: answer(options.json() as never) },
  });
  if (verify.statusCode !== 200) throw new Error(verify.body);
}

/** The benches' 64 accounts, each with one passkey registered through the lab's own endpoints. */
export async function registerAccounts(app: FastifyInstance, origin: string, count = 64): Promise<InjectAccount[]> {
  const accounts: InjectAccount[] = [];
  for (let i = 0; i < count; i++) {
    const authenticator = new SoftAuthenticator({ origin });
    const username = `cpu-${i}`;
    await injectCeremony(app, 'registration', username, (options) => authenticator.createCredential(options));
    accounts.push({ username, authenticator });
  }
  return accounts;
}

/** Runs ceremony(0), ceremony(1), … for count more indexes, at most inFlight at once; indexes go on across calls. */
export function ceremonyRunner(inFlight: number, ceremony: (index: number) => Promise<void>) {
  let next = 0;
  return (count: number) => {
    const end = next + count;
    const worker = async () => {
      while (next < end) await ceremony(next++);
    };
    return Promise.all(Array.from({ length: inFlight }, worker));
  };
}
