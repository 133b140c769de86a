import * as oidc from 'openid-client';
import { jwtVerify } from 'jose';
import type { Config } from '../config.js';
import { mockClients } from '../mock-clients.js';

// A login service is the lab's side of "Log in with Google / LINE": the OIDC client settings for one identity provider
// (the real one when its credentials are configured, else the lab's mock identity provider, server/idp/).

export type LoginServiceId = 'google' | 'line';

export interface LoginService {
  id: LoginServiceId;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** One callback per service (on the origin the browser uses): a code delivered to the wrong one is a mix-up and is refused. */
  callbackPath: string;
  scope: string;
  idTokenAlg: 'HS256' | 'ES256' | 'RS256';
  extraParams: Record<string, string>;
  mock: boolean;
}

/** Real Google/LINE when their credentials are configured, the mock identity providers otherwise (or nothing if IDP_MODE=off). */
export function loginServices(config: Config, secret: string): LoginService[] {
  const services: LoginService[] = [];
  const mock = mockClients(config.publicOrigin, secret);
  const google = config.realLoginServices.google;
  if (google) {
    services.push({
      id: 'google',
      issuer: 'https://accounts.google.com',
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      callbackPath: '/auth/google/callback',
      scope: 'openid email profile',
      idTokenAlg: 'RS256',
      extraParams: { prompt: 'select_account' },
      mock: false,
    });
  } else if (config.idp.mode === 'mock') {
    services.push({
      id: 'google',
      issuer: `${config.idp.origin}/google`,
      clientId: mock.google.clientId,
      clientSecret: mock.google.clientSecret,
      callbackPath: '/auth/google/callback',
      scope: 'openid email profile',
      idTokenAlg: 'ES256',
      extraParams: { prompt: 'consent' },
      mock: true,
    });
  }
  const line = config.realLoginServices.line;
  if (line) {
    services.push({
      id: 'line',
      issuer: 'https://access.line.me',
      clientId: line.channelId,
      clientSecret: line.channelSecret,
      callbackPath: '/auth/line/callback',
      scope: 'openid profile',
      idTokenAlg: 'HS256',
      extraParams: { bot_prompt: 'normal' },
      mock: false,
    });
  } else if (config.idp.mode === 'mock') {
    services.push({
      id: 'line',
      issuer: `${config.idp.origin}/line`,
      clientId: mock.line.clientId,
      clientSecret: mock.line.clientSecret,
      callbackPath: '/auth/line/callback',
      scope: 'openid profile',
      idTokenAlg: 'HS256',
      extraParams: { bot_prompt: 'normal', prompt: 'consent' },
      mock: true,
    });
  }
  return services;
}

/** openid-client Configurations, discovered once per service and retried if its identity provider was not up yet. */
export class OidcClients {
  private readonly configurations = new Map<LoginServiceId, Promise<oidc.Configuration>>();

  /** fetchForMocks: a fetch trusting TLS_CERT's chain, when the mock identity providers serve HTTPS with the lab's certificate. */
  constructor(
    private readonly services: LoginService[],
    private readonly fetchForMocks?: oidc.CustomFetch,
  ) {}

  list() {
    return this.services;
  }

  get(id: string): LoginService | undefined {
    return this.services.find((service) => service.id === id);
  }

  configuration(service: LoginService): Promise<oidc.Configuration> {
    let pending = this.configurations.get(service.id);
    if (!pending) {
      const auth =
        service.id === 'line'
          ? oidc.ClientSecretPost(service.clientSecret)
          : oidc.ClientSecretBasic(service.clientSecret);
      pending = oidc
        .discovery(
          new URL(service.issuer),
          service.clientId,
          { client_secret: service.clientSecret, id_token_signed_response_alg: service.idTokenAlg },
          auth,
          // The mock identity providers run on this machine, on http unless the lab has TLS_CERT; real ones are https only.
          service.mock
            ? {
                execute: [oidc.allowInsecureRequests],
                timeout: 5,
                ...(this.fetchForMocks ? { [oidc.customFetch]: this.fetchForMocks } : {}),
              }
            : { timeout: 10 },
        )
        .then((configuration) => {
          if (service.mock && this.fetchForMocks) configuration[oidc.customFetch] = this.fetchForMocks;
          // An asymmetric ID token's signature is checked against the identity provider's JWKS, not only trusted from TLS.
          if (service.idTokenAlg !== 'HS256') oidc.enableNonRepudiationChecks(configuration);
          return configuration;
        });
      pending.catch(() => this.configurations.delete(service.id));
      this.configurations.set(service.id, pending);
    }
    return pending;
  }

  /** HS256 ID tokens (LINE web login) are verified with the channel secret, as LINE documents. */
  async verifyHs256IdToken(service: LoginService, idToken: string) {
    await jwtVerify(idToken, new TextEncoder().encode(service.clientSecret), {
      algorithms: ['HS256'],
      issuer: service.issuer,
      audience: service.clientId,
    });
  }
}
