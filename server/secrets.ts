import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataFolder } from '../db/files.js';

export interface Secrets {
  /** Signs session cookies. */
  sessionSecret: string;
  /** Derives stable fake credential IDs for unknown usernames. */
  fakeCredentialKey: string;
  /** Signs the lab's OIDC client secrets and mock IdP cookies. */
  idpCookieKey: string;
}

const generate = (): Secrets => ({
  sessionSecret: randomBytes(32).toString('base64url'),
  fakeCredentialKey: randomBytes(32).toString('base64url'),
  idpCookieKey: randomBytes(32).toString('base64url'),
});

/** Secrets are made on first start and kept in the data folder (never in the repository). */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const path = join(dataDir, 'secrets.json');
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<Secrets>;
    const merged = { ...generate(), ...stored };
    if (Object.keys(stored).length !== Object.keys(merged).length) writeSecrets(path, merged);
    return merged;
  }
  ensureDataFolder(dataDir);
  const secrets = generate();
  writeSecrets(path, secrets);
  return secrets;
}

function writeSecrets(path: string, secrets: Secrets) {
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export const ephemeralSecrets = generate;
