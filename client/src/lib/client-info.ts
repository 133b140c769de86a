// What the page can learn about its browser, sent with every ceremony (the server stores it and predicts from it).

// The type is the server's schema (server/client-info.ts): a type-only import, erased from the bundle.
import type { ClientInfo } from '../../../server/client-info.js';

export type { ClientInfo };

// User-Agent Client Hints (Chromium only, not in TypeScript's DOM library): read defensively, as a page reads them.
interface UserAgentData {
  mobile?: boolean;
  platform?: string;
  brands?: { brand: string; version: string }[];
  getHighEntropyValues(hints: string[]): Promise<{ platformVersion?: string }>;
}

// Older browsers have PublicKeyCredential without these two.
type WebAuthnStatics = Omit<typeof PublicKeyCredential, 'getClientCapabilities' | 'isConditionalMediationAvailable'> &
  Partial<Pick<typeof PublicKeyCredential, 'getClientCapabilities' | 'isConditionalMediationAvailable'>>;

let cached: Promise<ClientInfo> | undefined;

export function collectClientInfo(): Promise<ClientInfo> {
  cached ??= (async () => {
    const info: ClientInfo = { userAgent: navigator.userAgent.slice(0, 1024) };
    const uaData = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
    if (uaData) {
      info.mobile = Boolean(uaData.mobile);
      info.platform = String(uaData.platform ?? '').slice(0, 64);
      info.brands = (uaData.brands ?? [])
        .slice(0, 16)
        .map((b) => ({ brand: String(b.brand).slice(0, 128), version: String(b.version).slice(0, 64) }));
      try {
        const high = await uaData.getHighEntropyValues(['platformVersion']);
        if (high.platformVersion) info.platformVersion = String(high.platformVersion).slice(0, 64);
      } catch {
        // not granted: the OS version stays unknown and the predictor says what it assumed
      }
    }
    const pkc = window.PublicKeyCredential as WebAuthnStatics | undefined;
    if (pkc) {
      try {
        // Every boolean the browser reports is kept (immediateGet, conditionalGet, conditionalCreate, hybridTransport,
        // passkeyPlatformAuthenticator, the signal* entries, extensions...): the server and the predictor gate on them.
        if (typeof pkc.getClientCapabilities === 'function') {
          const capabilities = await pkc.getClientCapabilities();
          info.capabilities = Object.fromEntries(
            Object.entries(capabilities)
              .filter(([, v]) => typeof v === 'boolean')
              .slice(0, 64),
          ) as Record<string, boolean>;
        }
        info.uvpaa = await pkc.isUserVerifyingPlatformAuthenticatorAvailable();
        if (typeof pkc.isConditionalMediationAvailable === 'function')
          info.conditionalMediation = await pkc.isConditionalMediationAvailable();
      } catch {
        // capability probes are best-effort
      }
    }
    return info;
  })();
  return cached;
}
