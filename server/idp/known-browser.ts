import type { FastifyReply, FastifyRequest } from 'fastify';

// "This browser has signed in as …": a signed, HttpOnly cookie on the identity provider's origin listing the demo identities
// that completed a sign-in here, like the accounts a real Google browser offers in its chooser or the 365-day
// "trusted browser" of LINE's web login. Only a completed sign-in adds an identity; the signature stops anyone adding
// one by hand. The Google-like chooser lists these; both identity providers let them skip the per-account wait (guess-limits).

/** Browsers that completed a Google-like sign-in; the chooser lists these identities. */
export const GOOGLE_KNOWN_COOKIE = '_google_known';
/** Browsers that completed a LINE-like sign-in (with the phone's number); they skip the per-account wait. */
export const LINE_KNOWN_COOKIE = '_line_known';

const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const MAX_ACCOUNTS = 10;

export function knownAccounts(request: FastifyRequest, cookieName: string): string[] {
  const raw = request.cookies[cookieName];
  if (!raw) return [];
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value.split('.').filter(Boolean) : [];
}

export function rememberAccount(request: FastifyRequest, reply: FastifyReply, cookieName: string, sub: string) {
  const accounts = [sub, ...knownAccounts(request, cookieName).filter((known) => known !== sub)].slice(0, MAX_ACCOUNTS);
  reply.setCookie(cookieName, accounts.join('.'), {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/ui/',
    maxAge: MAX_AGE_SECONDS,
  });
}
