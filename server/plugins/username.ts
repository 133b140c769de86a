import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { canonicalUsername, type UsernameProblem } from '../../db/usernames.js';
import { ApiError } from '../errors.js';

// English for developers reading the API; the pages show their own Japanese and English text for each code.
const MESSAGES: Record<UsernameProblem, string> = {
  empty: 'Enter a username.',
  too_long: 'This username is too long (64 characters at most).',
  invisible:
    'This username contains invisible or direction-changing characters (such as a zero-width space). Type it again without them.',
  combining_marks:
    'This username contains loose accent marks that can disguise a letter. Use ordinary letters (é rather than e + ◌́).',
  mixed_scripts:
    'This username mixes alphabets that look alike (for example Latin and Cyrillic). Use one alphabet; Japanese with Latin letters is fine.',
  unusual_script: 'This username uses a writing system that is not accepted for usernames.',
  phonetic_letters:
    'This username contains phonetic letters that look like ordinary ones (small capitals such as ʀ or ᴀ). Use ordinary letters.',
  symbols: "Usernames may contain letters, digits, one space between words and . _ - @ ' ・ only.",
  no_letters: 'A username needs at least one letter or digit.',
};

/** The username as the lab stores and finds it (db/usernames.ts), or a 400 saying what to change. */
export function requireCanonicalUsername(raw: string): string {
  const result = canonicalUsername(raw);
  if (!result.ok) throw new ApiError(400, `username_${result.problem}`, MESSAGES[result.problem]);
  return result.username;
}

/**
 * Every request's `username` is made canonical before any route, rate limit or log sees it: sign-up,
 * username-first login and whatever route takes a username next cannot forget it, and "Alice", "ａｌｉｃｅ" and
 * "alice " are one name everywhere (one account, one rate-limit bucket, one history).
 */
export const usernamePlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', async (request) => {
    // Body or path parameter (a support look-up): wherever a route takes `username`. Not the query string: no route
    // takes one there, and a page opened as /login?username=… (the login form submitted without its script) or any
    // other URL with that parameter must not be refused for it.
    for (const part of [request.body, request.params] as ({ username?: unknown } | null | undefined)[]) {
      if (part && typeof part === 'object' && typeof part.username === 'string')
        part.username = requireCanonicalUsername(part.username);
    }
  });
});
