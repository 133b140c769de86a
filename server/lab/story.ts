import { isoCBOR } from '@simplewebauthn/server/helpers';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { LINE_LIKE_ACCOUNTS } from '../idp/accounts.js';

export const STORY_USERNAME = 'taro';
const ANDROID_CLIENT = {
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  platform: 'Android',
  mobile: true,
};

/**
 * The story's account, ready to replay on one PC: a passkey that lives on the phone (Google Password Manager on
 * Android, synced, but stored by the site without transports, as older relying parties did), the LINE-like login
 * linked, the Google-like one not. The phone keeps the private key; the lab never had it.
 */
export function seedStory(repos: Repositories, config: Config): { created: boolean; username: string } {
  return repos.transaction(() => {
    if (repos.accounts.findByUsername(STORY_USERNAME)) return { created: false, username: STORY_USERNAME };
    const account = repos.accounts.create(STORY_USERNAME, 'たろう', randomBytes(32).toString('base64url'));
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    repos.credentials.create({
      id: randomBytes(16).toString('base64url'),
      accountId: account.id,
      publicKey: new Uint8Array(cose),
      counter: 0,
      transports: null,
      deviceType: 'multiDevice',
      backedUp: true,
      aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
      attestationFormat: 'none',
      attachment: 'platform',
      credPropsRk: true,
      label: 'Android phone (story)',
      registeredClient: ANDROID_CLIENT,
    });
    const line = LINE_LIKE_ACCOUNTS[0]!;
    repos.identities.link(account.id, 'line', `${config.idp.origin}/line`, line.sub, line.name);
    repos.ceremonies.record({ accountId: account.id, username: STORY_USERNAME, kind: 'lab.seed-story', outcome: 'recorded', detail: { linked: ['line'] } });
    return { created: true, username: STORY_USERNAME };
  });
}
