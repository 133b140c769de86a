import type { NewCredential } from '../../db/credentials.js';

/** A synced platform passkey as the repositories store it, for database tests; fields given in overrides win. */
export const newCredential = (
  overrides: Partial<NewCredential> & Pick<NewCredential, 'id' | 'accountId'>,
): NewCredential => ({
  publicKey: new Uint8Array([1, 2, 3]),
  counter: 0,
  transports: ['internal'],
  deviceType: 'multiDevice',
  backedUp: true,
  aaguid: '00000000-0000-0000-0000-000000000000',
  attestationFormat: 'none',
  attachment: 'platform',
  credPropsRk: true,
  label: null,
  registeredClient: null,
  ...overrides,
});
