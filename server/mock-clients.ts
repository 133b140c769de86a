import { createHmac } from 'node:crypto';

// The lab's registration at the mock identity providers: both sides derive it from the lab's secret, so neither imports the
// other (the relying party in server/fallback must not depend on the mock identity provider in server/idp).

export interface MockClient {
  clientId: string;
  clientSecret: string;
  /** The lab's main callback (its first PUBLIC_ORIGIN). */
  redirectUri: string;
  /** Registered exactly (one per lab origin); oidc-provider refuses any other redirect_uri. */
  redirectUris: string[];
}

/** The lab's client credentials at the mock identity providers, derived from the lab's secret (never committed). */
export function mockClients(
  labOrigin: string,
  secret: string,
  labOrigins: string[] = [labOrigin],
): { google: MockClient; line: MockClient } {
  const derive = (label: string) => createHmac('sha256', secret).update(label).digest('base64url');
  const callbacks = (id: string) => ({
    redirectUri: `${labOrigin}/auth/${id}/callback`,
    redirectUris: labOrigins.map((origin) => `${origin}/auth/${id}/callback`),
  });
  return {
    google: {
      clientId: 'passkey-dialog-lab.apps.googleusercontent.example',
      clientSecret: derive('google-like client secret'),
      ...callbacks('google'),
    },
    line: { clientId: '1650000000', clientSecret: derive('line-like channel secret'), ...callbacks('line') },
  };
}
