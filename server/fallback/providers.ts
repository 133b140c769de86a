import * as oidc from 'openid-client';
import { jwtVerify } from 'jose';
import type { Config } from '../config.js';
import { mockClients } from '../mock-clients.js';

export type FallbackProviderId = 'google' | 'line';

export interface FallbackProvider {
  id: FallbackProviderId;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** One callback per provider (on the origin the browser uses): a code delivered to the wrong one is a mix-up and is refused. */
  callbackPath: string;
  scope: string;
  idTokenAlg: 'HS256' | 'ES256' | 'RS256';
  extraParams: Record<string, string>;
  mock: boolean;
}

/** Real Google/LINE when their credentials are configured, the mock providers otherwise (or nothing if IDP_MODE=off). */
export function fallbackProviders(config: Config, secret: string): FallbackProvider[] {
  const providers: FallbackProvider[] = [];
  const mock = mockClients(config.publicOrigin, secret);
  const google = config.realProviders.google;
  if (google) {
    providers.push({ id: 'google', issuer: 'https://accounts.google.com', clientId: google.clientId, clientSecret: google.clientSecret, callbackPath: '/auth/google/callback', scope: 'openid email profile', idTokenAlg: 'RS256', extraParams: { prompt: 'select_account' }, mock: false });
  } else if (config.idp.mode === 'mock') {
    providers.push({ id: 'google', issuer: `${config.idp.origin}/google`, clientId: mock.google.clientId, clientSecret: mock.google.clientSecret, callbackPath: '/auth/google/callback', scope: 'openid email profile', idTokenAlg: 'ES256', extraParams: { prompt: 'consent' }, mock: true });
  }
  const line = config.realProviders.line;
  if (line) {
    providers.push({ id: 'line', issuer: 'https://access.line.me', clientId: line.channelId, clientSecret: line.channelSecret, callbackPath: '/auth/line/callback', scope: 'openid profile', idTokenAlg: 'HS256', extraParams: { bot_prompt: 'normal' }, mock: false });
  } else if (config.idp.mode === 'mock') {
    providers.push({ id: 'line', issuer: `${config.idp.origin}/line`, clientId: mock.line.clientId, clientSecret: mock.line.clientSecret, callbackPath: '/auth/line/callback', scope: 'openid profile', idTokenAlg: 'HS256', extraParams: { bot_prompt: 'normal', prompt: 'consent' }, mock: true });
  }
  return providers;
}

/** openid-client Configurations, discovered once per provider and retried if the provider was not up yet. */
export class OidcClients {
  private readonly configurations = new Map<FallbackProviderId, Promise<oidc.Configuration>>();

  /** fetchForMocks: a fetch trusting TLS_CERT's chain, when the mock providers serve HTTPS with the lab's certificate. */
  constructor(
    private readonly providers: FallbackProvider[],
    private readonly fetchForMocks?: oidc.CustomFetch,
  ) {}

  list() {
    return this.providers;
  }

  get(id: string): FallbackProvider | undefined {
    return this.providers.find((provider) => provider.id === id);
  }

  configuration(provider: FallbackProvider): Promise<oidc.Configuration> {
    let pending = this.configurations.get(provider.id);
    if (!pending) {
      const auth = provider.id === 'line' ? oidc.ClientSecretPost(provider.clientSecret) : oidc.ClientSecretBasic(provider.clientSecret);
      pending = oidc
        .discovery(
          new URL(provider.issuer),
          provider.clientId,
          { client_secret: provider.clientSecret, id_token_signed_response_alg: provider.idTokenAlg },
          auth,
          // The mock providers run on plain http on this machine; real ones are https only.
          provider.mock ? { execute: [oidc.allowInsecureRequests], timeout: 5, ...(this.fetchForMocks ? { [oidc.customFetch]: this.fetchForMocks } : {}) } : { timeout: 10 },
        )
        .then((configuration) => {
          if (provider.mock && this.fetchForMocks) configuration[oidc.customFetch] = this.fetchForMocks;
          // An asymmetric ID token's signature is checked against the provider's JWKS, not only trusted from TLS.
          if (provider.idTokenAlg !== 'HS256') oidc.enableNonRepudiationChecks(configuration);
          return configuration;
        });
      pending.catch(() => this.configurations.delete(provider.id));
      this.configurations.set(provider.id, pending);
    }
    return pending;
  }

  /** HS256 ID tokens (LINE web login) are verified with the channel secret, as LINE documents. */
  async verifyHs256IdToken(provider: FallbackProvider, idToken: string) {
    await jwtVerify(idToken, new TextEncoder().encode(provider.clientSecret), {
      algorithms: ['HS256'],
      issuer: provider.issuer,
      audience: provider.clientId,
    });
  }
}
