import { Signer } from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { RememberingSigner } from '../../server/plugins/cookie-signer.js';

// The lab's cookie signer remembers recent signatures; what it answers must be what @fastify/cookie's signer answers.

const SECRET = 'a-secret-of-thirty-two-characters-or-more';
const library = new Signer(SECRET, 'sha256');

describe('RememberingSigner', () => {
  it('signs as @fastify/cookie does, the first time and from memory', () => {
    const signer = new RememberingSigner(SECRET);
    for (const value of ['a', 'binding-id', 'mabc01234xyzXYZ_-', '']) {
      expect(signer.sign(value)).toBe(library.sign(value));
      expect(signer.sign(value)).toBe(library.sign(value));
    }
  });

  it('accepts what it signed and what the library signed with the same secret, with the value', () => {
    const signer = new RememberingSigner(SECRET);
    const own = signer.sign('own');
    expect(signer.unsign(own)).toEqual({ valid: true, renew: false, value: 'own' });
    expect(signer.unsign(own)).toEqual({ valid: true, renew: false, value: 'own' });
    const elsewhere = library.sign('signed.elsewhere');
    expect(signer.unsign(elsewhere)).toEqual({ valid: true, renew: false, value: 'signed.elsewhere' });
    expect(signer.unsign(elsewhere)).toEqual({ valid: true, renew: false, value: 'signed.elsewhere' });
  });

  it('refuses a remembered value with a signature that is not its own, without throwing', () => {
    const signer = new RememberingSigner(SECRET);
    const signed = signer.sign('remembered');
    const signature = signed.slice('remembered.'.length);
    const refused = { valid: false, renew: false, value: null };
    const flipped = signature.at(-1) === 'A' ? 'B' : 'A';
    expect(signer.unsign(`remembered.${signature.slice(0, -1)}${flipped}`)).toEqual(refused);
    expect(signer.unsign(`remembered.${signature.slice(0, -1)}`)).toEqual(refused);
    expect(signer.unsign(`remembered.${signature}x`)).toEqual(refused);
    // Same length in characters, more bytes: compared as bytes, refused rather than thrown.
    expect(signer.unsign(`remembered.${signature.slice(0, -1)}é`)).toEqual(refused);
    expect(signer.unsign(`remembered.${signer.sign('other').slice('other.'.length)}`)).toEqual(refused);
    expect(signer.unsign(new Signer('another-secret-of-thirty-two-characters').sign('remembered'))).toEqual(refused);
    expect(signer.unsign('remembered')).toEqual(refused);
    expect(signer.unsign('remembered.')).toEqual(refused);
    // The remembered signature still works after the refusals.
    expect(signer.unsign(signed)).toEqual({ valid: true, renew: false, value: 'remembered' });
  });

  it('forgets the oldest past its capacity and still answers as the library does', () => {
    const signer = new RememberingSigner(SECRET, 8);
    const values = Array.from({ length: 40 }, (_, i) => `value-${i}`);
    const signed = values.map((value) => signer.sign(value));
    for (const [i, value] of values.entries()) {
      expect(signed[i]).toBe(library.sign(value));
      expect(signer.unsign(signed[i]!)).toEqual({ valid: true, renew: false, value });
      expect(signer.sign(value)).toBe(library.sign(value));
    }
  });
});
