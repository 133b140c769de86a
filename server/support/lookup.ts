import type { CeremonyEntry } from '../../db/ceremonies.js';
import type { StoredCredential } from '../../db/credentials.js';
import type { Repositories } from '../../db/index.js';
import { credentialHealth } from '../account/health.js';
import { strangerAttemptSummary } from '../account/stranger-attempts.js';
import { clientFactsFrom } from '../dialogs/client-facts.js';
import { describeProvider, type ProviderKind } from '../passkey-providers.js';
import type { ClientInfo } from '../webauthn/schemas.js';
import type { AccountView, Home } from './schemas.js';

export function likelyHome(credential: StoredCredential, kind: ProviderKind): Home {
  if (kind === 'google-password-manager') return 'phone-google';
  if (kind === 'icloud-keychain') return 'apple-devices';
  if (kind === 'windows-hello') return 'windows-pc';
  if (kind === 'virtual') return 'lab-virtual';
  const transports = credential.transports ?? [];
  if (
    !credential.backedUp &&
    (credential.attachment === 'cross-platform' || transports.some((t) => t === 'usb' || t === 'nfc'))
  )
    return 'security-key';
  if (kind === 'other') return 'password-manager';
  // A synced passkey registered from a phone most likely lives in that phone's password manager.
  const registeredOn = credential.registeredClient
    ? clientFactsFrom(credential.registeredClient as ClientInfo).os
    : undefined;
  if (credential.backedUp && registeredOn === 'android') return 'phone-google';
  if (credential.backedUp && (registeredOn === 'ios' || registeredOn === 'macos')) return 'apple-devices';
  return 'unknown';
}

/** "Windows 11 · Chrome 150" from the ClientInfo a page reported; null when nothing was reported. */
function deviceLabel(info: unknown): string | null {
  if (!info || typeof info !== 'object') return null;
  const facts = clientFactsFrom(info as ClientInfo);
  const os = {
    windows: 'Windows',
    macos: 'macOS',
    linux: 'Linux',
    chromeos: 'ChromeOS',
    android: 'Android',
    ios: 'iPhone/iPad',
  }[facts.os];
  const browser = { chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox', safari: 'Safari', embedded: 'in-app browser' }[
    facts.browser
  ];
  return `${os}${facts.osVersion ? ` ${facts.osVersion}` : ''} · ${browser}${facts.browserVersion ? ` ${facts.browserVersion}` : ''}`;
}

function lastUseOf(credentialId: string, history: CeremonyEntry[]) {
  const entry = history.find(
    (item) =>
      item.kind === 'authentication.verify' &&
      item.outcome === 'verified' &&
      (item.detail as { credentialId?: string } | null)?.credentialId === credentialId,
  );
  return entry
    ? {
        at: entry.createdAt,
        device: deviceLabel(entry.client),
        viaPhone: (entry.detail as { method?: string }).method === 'hybrid',
      }
    : null;
}

/**
 * What staff see for one account: passkeys in plain facts, linked logins, the health check and the timeline.
 * Never key material, challenges or signatures.
 */
export function accountView(repos: Repositories, accountId: number): AccountView {
  const account = repos.accounts.findById(accountId)!;
  const history = repos.ceremonies.listForAccount(account.id, 200);
  const passkeys = repos.credentials.listForAccount(account.id).map((credential) => {
    const provider = describeProvider(credential.aaguid);
    return {
      id: credential.id,
      label: credential.label,
      provider: provider.name,
      providerKind: provider.kind,
      synced: credential.deviceType === 'multiDevice',
      home: likelyHome(credential, provider.kind),
      transports: credential.transports,
      attachment: credential.attachment,
      registeredWith: deviceLabel(credential.registeredClient),
      createdAt: credential.createdAt,
      lastUsed:
        lastUseOf(credential.id, history) ??
        (credential.lastUsedAt ? { at: credential.lastUsedAt, device: null, viaPhone: false } : null),
      health: credentialHealth(credential),
    };
  });
  return {
    account: { username: account.username, displayName: account.displayName, createdAt: account.createdAt },
    passkeys,
    // What support asked the customer to do at the next sign-in, still waiting for an answer.
    asks: { addPasskeyHere: repos.supportAsks.find(account.id, 'add-passkey-here')?.askedAt ?? null },
    linkedLogins: repos.identities
      .listForAccount(account.id)
      .map((identity) => ({
        provider: identity.provider,
        displayName: identity.displayName,
        linkedAt: identity.linkedAt,
        needsReconfirm: identity.needsReconfirm,
      })),
    timeline: {
      own: history.map((entry) => ({
        at: entry.createdAt,
        kind: entry.kind,
        outcome: entry.outcome,
        errorCode: entry.errorCode ?? null,
        device: deviceLabel(entry.client),
        predicted: (entry.prediction as { kind?: string } | null)?.kind ?? null,
      })),
      // Attempts by browsers not signed in to the account: counts per day and outcome, never what they typed.
      others: strangerAttemptSummary(repos, account.id),
    },
  };
}
