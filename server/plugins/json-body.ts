import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A string with a lone surrogate (JSON's "\ud800" escape): SQLite would store it as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Walked with a list, not recursion: a body may nest thousands deep (it is refused by its schema later). */
function hasLoneSurrogate(root: unknown): boolean {
  const pending = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return true;
    } else if (Array.isArray(value)) pending.push(...value);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) pending.push(key, item);
  }
  return false;
}

/**
 * The lab's one JSON body parser: UTF-8 only, and text stored exactly as sent or refused. Fastify's own parser reads
 * every body as UTF-8 whatever charset it declares and puts U+FFFD for what is not UTF-8, so "José" sent as
 * ISO-8859-1 was saved as "Jos\uFFFD". Parsing itself stays Fastify's (its guard against __proto__ keys included).
 */
export function strictJsonBodies(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity')
      return done(
        new ApiError(415, 'unsupported_content_encoding', `Send the body uncompressed (not ${encoding}).`),
        undefined,
      );
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      return done(
        new ApiError(
          415,
          'unsupported_charset',
          `Send the body as UTF-8 (application/json; charset=utf-8), not ${charset}.`,
        ),
        undefined,
      );
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new ApiError(400, 'invalid_utf8', 'The body is not valid UTF-8.'), undefined);
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      // Only a \u escape can carry a lone surrogate here (the decoder refused any in the bytes).
      if (text.includes('\\u') && hasLoneSurrogate(value))
        return done(
          new ApiError(400, 'invalid_text', 'The body contains a broken character (a lone UTF-16 surrogate).'),
          undefined,
        );
      done(null, value);
    });
  });
}
