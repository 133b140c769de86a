import { expect } from 'vitest';
import { createInvite } from '../../server/support/invites.js';
import { SoftAuthenticator } from './soft-authenticator.js';
import { BrowserLikeClient, type Stack } from './stack.js';

/** Staff enrollment and sign-in over real HTTP, with a software authenticator standing in for the staff passkey. */
export function staffFlows(stack: Stack) {
  const lab = stack.labUrl;
  const tokenOf = (link: string) => new URL(link).hash.slice(1);

  async function enroll(
    client: BrowserLikeClient,
    link: string,
    name: string,
    authenticator = new SoftAuthenticator({ origin: lab }),
  ) {
    const options = await client.request(`${lab}/api/staff/enroll/options`, { json: { token: tokenOf(link), name } });
    if (options.status !== 200) return { reply: options, authenticator };
    const verify = await client.request(`${lab}/api/staff/enroll/verify`, {
      json: { response: authenticator.createCredential(JSON.parse(options.body)) },
    });
    return { reply: verify, authenticator };
  }

  /** A first staff member, enrolled through a link the server made (as printed at first start). */
  async function firstStaff(name = 'Sato (support)') {
    const client = new BrowserLikeClient();
    const { reply, authenticator } = await enroll(client, createInvite(stack.running.lab.repos, lab, null).link, name);
    expect(reply.status, reply.body).toBe(200);
    return { client, authenticator };
  }

  async function login(client: BrowserLikeClient, authenticator: SoftAuthenticator) {
    const options = JSON.parse((await client.request(`${lab}/api/staff/login/options`, { json: {} })).body);
    return client.request(`${lab}/api/staff/login/verify`, { json: { response: authenticator.getAssertion(options) } });
  }

  return { enroll, firstStaff, login, tokenOf };
}
