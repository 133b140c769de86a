import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Negotiator from 'negotiator';
import { LANGS, type Lang } from '../i18n.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of this request's pages and texts: the visitor's explicit choice, else Accept-Language, else English. */
    readonly lang: Lang;
  }
}

const isLang = (value: unknown): value is Lang => value === 'ja' || value === 'en';

/**
 * The supported language a list of language ranges prefers (an Accept-Language value, or OIDC ui_locales with its
 * spaces turned into commas), by the negotiator package's rules: q-values, and "ja-JP" is served by "ja".
 */
export function preferredLanguage(ranges: string | undefined): Lang | undefined {
  if (!ranges) return undefined;
  const chosen = new Negotiator({ headers: { 'accept-language': ranges } }).language([...LANGS]);
  return isLang(chosen) ? chosen : undefined;
}

export interface LanguageOptions {
  /** Where the visitor's explicit choice is read; the lab's pages keep it in the `lang` cookie their switch sets. */
  explicit?: (request: FastifyRequest) => unknown;
}

/**
 * Decorates every request with `lang`, worked out each time a route reads it (cheap; JSON routes that never ask
 * pay nothing): the explicit choice when it is ja or en, else the best match in Accept-Language, else English.
 */
export const languagePlugin = fp<LanguageOptions>(
  async (app: FastifyInstance, opts) => {
    const explicit = opts.explicit ?? ((request: FastifyRequest) => request.cookies?.lang);
    app.decorateRequest('lang', {
      getter(this: FastifyRequest): Lang {
        const chosen = explicit(this);
        if (isLang(chosen)) return chosen;
        return preferredLanguage(this.headers['accept-language']) ?? 'en';
      },
    });
  },
  { name: 'language' },
);
