import { Signer, type UnsignResult } from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';

/**
 * @fastify/cookie's signer (HMAC-SHA256, the same cookies), remembering the signatures it made or checked lately: a
 * browser sends back what it was given (the ceremony binding set by a login's options comes back with its verify; a
 * signed-in browser's session cookie comes back with every request, and @fastify/session signs the id again for each
 * one), so most checks and signatures are a look-up instead of an HMAC. A remembered signature is compared in constant
 * time; one not remembered, or not matching, goes to the library. Given to @fastify/cookie and @fastify/session as
 * their `secret` (both document a custom signer object).
 */
export class RememberingSigner {
  private readonly signer: Signer;
  /**
   * value → its signed form, in two generations: when the recent one is full it becomes the older one and the one
   * before is forgotten, so between capacity/2 and capacity of the latest are remembered. (Evicting the oldest key
   * of one Map one at a time made each new entry cost several µs: a Map's iterator skips the deleted entries.)
   */
  private recent = new Map<string, string>();
  private older = new Map<string, string>();

  constructor(
    secret: string,
    private readonly capacity = 10_000,
  ) {
    this.signer = new Signer(secret, 'sha256');
  }

  sign = (value: string): string => {
    let signed = this.recent.get(value) ?? this.older.get(value);
    if (signed === undefined) {
      signed = this.signer.sign(value);
      this.remember(value, signed);
    }
    return signed;
  };

  unsign = (input: string): UnsignResult => {
    const dot = input.lastIndexOf('.');
    const value = input.slice(0, dot);
    const known = dot > 0 ? (this.recent.get(value) ?? this.older.get(value)) : undefined;
    if (known !== undefined) {
      const [expected, actual] = [Buffer.from(known), Buffer.from(input)];
      if (expected.length === actual.length && timingSafeEqual(expected, actual))
        return { valid: true, renew: false, value };
    }
    const result = this.signer.unsign(input);
    if (result.valid) this.remember(result.value, input);
    return result;
  };

  private remember(value: string, signed: string): void {
    this.recent.set(value, signed);
    if (this.recent.size >= this.capacity / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
  }
}
