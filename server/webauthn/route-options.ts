import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import type { ceremonyRateLimits } from '../plugins/ceremony-limits.js';

export interface WebAuthnRouteOptions {
  config: Config;
  repos: Repositories;
  /** Keys the fake allow lists for unknown names (fake-credentials.ts). */
  fakeCredentialKey: string;
  /** Keys the hash of source addresses (stranger-attempts.ts): its own key, derived with sourceHashKey. */
  sourceKey: string;
}

export interface CeremonyRouteOptions extends WebAuthnRouteOptions {
  /** One set of limits for the four ceremony routes: a registration and a login count against the same allowance. */
  limits: ReturnType<typeof ceremonyRateLimits>;
}
