import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ensureDataFolder } from '../db/files.js';

export interface Secrets {
  /**
   * The key the recovery codes' HMAC key is derived from (recovery/proofing.ts). Named for what it signed until session
   * 13 (the session cookies, which are no longer signed: plugins/cookie-ids.ts); the name stays so existing data
   * folders keep their codes valid.
   */
  sessionSecret: string;
  /**
   * Derives stable fake credential IDs for unknown usernames, and (HKDF, sourceHashKey) the source-address hash key.
   */
  fakeCredentialKey: string;
  /** Signs the lab's OIDC client secrets and mock IdP cookies. */
  idpCookieKey: string;
}

const generate = (): Secrets => ({
  sessionSecret: randomBytes(32).toString('base64url'),
  fakeCredentialKey: randomBytes(32).toString('base64url'),
  idpCookieKey: randomBytes(32).toString('base64url'),
});

/**
 * Secrets are made on first start and kept in the data folder (never in the repository). Two labs may start on one
 * data folder at once (the tests do): the file appears whole or not at all, and the first one written is the one
 * every process uses.
 */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const path = join(dataDir, 'secrets.json');
  if (!existsSync(path)) {
    ensureDataFolder(dataDir);
    // link() refuses to replace an existing file: whoever links first wins, the others read the winner's file.
    publish(path, generate(), (written) => {
      try {
        linkSync(written, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return;
        // A file system without hard links: an exclusive copy still lets only the first one in.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
        try {
          copyFileSync(written, path, constants.COPYFILE_EXCL);
        } catch (copyError) {
          if ((copyError as NodeJS.ErrnoException).code !== 'EEXIST') throw copyError;
        }
      }
    });
  }
  const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<Secrets>;
  const merged = { ...generate(), ...stored };
  // A secret added by a newer version: written next to the old ones (replaced whole, never half-written). Two new
  // versions starting at once on an old file could each keep their own added secret; no secret has been added since
  // the file's first version, so this stays simple until one is.
  if (Object.keys(stored).length !== Object.keys(merged).length)
    publish(path, merged, (written) => renameSync(written, path));
  return merged;
}

/** Writes the secrets to a private file of this process's beside path, then hands it to place(). */
function publish(path: string, secrets: Secrets, place: (written: string) => void) {
  const written = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(written, 'wx', 0o600);
    try {
      writeFileSync(fd, JSON.stringify(secrets, null, 2));
      fchmodSync(fd, 0o600);
      // On disk before it gets its name: after a power cut the file is whole or absent, never empty.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    place(written);
  } finally {
    rmSync(written, { force: true });
  }
}

export const ephemeralSecrets = generate;
