import { isoCBOR } from '@simplewebauthn/server/helpers';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { requireCanonicalUsername } from '../plugins/username.js';

const STORY_USERNAME = 'taro';
const ANDROID_CLIENT = {
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  platform: 'Android',
  mobile: true,
};

/**
 * The story's account, ready to replay on one PC: a passkey that lives on the phone (Google Password Manager on
 * Android, synced, but stored by the site without transports, as older relying parties did), the LINE-like login
 * linked, the Google-like one not. The phone keeps the private key; the lab never had it.
 */
export function seedStory(repos: Repositories, config: Config): { created: boolean; username: string } {
  const username = requireCanonicalUsername(STORY_USERNAME);
  const line = config.idp.storyIdentity;
  return repos.transaction(() => {
    if (repos.accounts.findByUsername(username)) return { created: false, username };
    // The demo LINE identity may already be linked to someone's own account (linked from /account): the story cannot
    // take it away from them, and a half-made story account would be worse than none.
    if (repos.identities.findByProviderSubject('line', line.sub)) {
      throw new ApiError(
        409,
        'story_line_linked_elsewhere',
        `The demo LINE identity (${line.email}) is linked to another account. Unlink it there, or use a fresh data folder, then set up the story again.`,
      );
    }
    if (repos.accounts.findLookAlike(username)) {
      throw new ApiError(
        409,
        'username_look_alike',
        `An account whose name looks like "${username}" exists, so the story account cannot be created.`,
      );
    }
    const account = repos.accounts.create(username, 'たろう', randomBytes(32).toString('base64url'));
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
    // Logins find the link by provider + subject, so it keeps working when the lab later runs on another IDP_PORT.
    repos.identities.link(account.id, 'line', `${config.idp.origin}/line`, line.sub, line.name);
    repos.ceremonies.record({
      accountId: account.id,
      username,
      kind: 'lab.seed-story',
      outcome: 'recorded',
      detail: { linked: ['line'] },
    });
    return { created: true, username };
  });
}
