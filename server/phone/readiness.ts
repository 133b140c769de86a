import { isIP } from 'node:net';

/**
 * Why a phone cannot use passkeys at an origin, if it cannot:
 * - localhost: on the phone, "localhost" (or 127.0.0.1) is the phone itself, not this PC;
 * - ip-address: WebAuthn needs a domain name as the RP ID, so a bare IP address gets no passkeys;
 * - plain-http: WebAuthn needs a secure context, and plain HTTP is one only on localhost;
 * - not-configured: the address is not in PUBLIC_ORIGIN, so the lab refuses what a passkey signs there.
 */
export type PhoneProblem = 'localhost' | 'ip-address' | 'plain-http' | 'not-configured';

export function phoneProblems(origin: string, configuredOrigins: readonly string[]): PhoneProblem[] {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return ['not-configured'];
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
  const problems: PhoneProblem[] = [];
  if (loopback) problems.push('localhost');
  else if (isIP(host) !== 0) problems.push('ip-address');
  if (url.protocol !== 'https:') problems.push('plain-http');
  if (!configuredOrigins.includes(url.origin)) problems.push('not-configured');
  return problems;
}

/**
 * The address the QR code opens: the one this page was reached at when the lab is configured for it (the phone then
 * opens the same origin), else the first configured origin a phone can use, else the first configured one.
 */
export function phoneUrl(currentOrigin: string, configuredOrigins: readonly string[]): string {
  const origin = configuredOrigins.includes(currentOrigin)
    ? currentOrigin
    : (configuredOrigins.find((candidate) => phoneProblems(candidate, configuredOrigins).length === 0) ??
      configuredOrigins[0]!);
  return `${origin}/login`;
}
