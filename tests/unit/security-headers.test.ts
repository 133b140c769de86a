import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { strictCspDirectives } from '../../server/plugins/csp.js';
import { recordHelmet } from '../../server/plugins/security-headers.js';

const response = () => {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('X-Powered-By', 'something');
  return res;
};

describe('helmet recorded once', () => {
  it.each([false, true])('replays exactly what helmet does to a response (https %s)', (https) => {
    const middleware = helmet({
      contentSecurityPolicy: {
        directives: strictCspDirectives({ formActionOrigins: ['http://idp.test'], upgradeInsecureRequests: https }),
      },
      strictTransportSecurity: https,
      referrerPolicy: { policy: 'same-origin' },
    });
    const byHelmet = response();
    middleware(byHelmet.req, byHelmet, () => undefined);

    const replayed = response();
    const recorded = recordHelmet(middleware);
    for (const name of recorded.remove) replayed.removeHeader(name);
    for (const [name, value] of recorded.set) replayed.setHeader(name, value);

    expect(replayed.getHeaders()).toEqual(byHelmet.getHeaders());
    expect(Object.keys(byHelmet.getHeaders())).toContain('content-security-policy');
    expect(byHelmet.getHeader('x-powered-by')).toBeUndefined();
  });
});
