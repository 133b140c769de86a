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
  /** value → its signed form, the latest last; the oldest is forgotten past `capacity`. */
  private readonly signed = new Map<string, string>();

  constructor(
    secret: string,
    private readonly capacity = 10_000,
  ) {
    this.signer = new Signer(secret, 'sha256');
  }

  sign = (value: string): string => {
    let signed = this.signed.get(value);
    if (signed === undefined) {
      signed = this.signer.sign(value);
      this.remember(value, signed);
    }
    return signed;
  };

  unsign = (input: string): UnsignResult => {
    const dot = input.lastIndexOf('.');
    const known = dot > 0 ? this.signed.get(input.slice(0, dot)) : undefined;
    if (known !== undefined) {
      const [expected, actual] = [Buffer.from(known), Buffer.from(input)];
      if (expected.length === actual.length && timingSafeEqual(expected, actual))
        return { valid: true, renew: false, value: input.slice(0, dot) };
    }
    const result = this.signer.unsign(input);
    if (result.valid) this.remember(result.value, input);
    return result;
  };

  private remember(value: string, signed: string): void {
    this.signed.delete(value);
    this.signed.set(value, signed);
    if (this.signed.size > this.capacity) this.signed.delete(this.signed.keys().next().value!);
  }
}
