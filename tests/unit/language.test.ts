import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languagePlugin, preferredLanguage } from '../../server/plugins/language.js';

// One Accept-Language negotiator for the lab and the mock identity providers (server/plugins/language.ts).

describe('preferredLanguage', () => {
  it.each([
    ['ja', 'ja'],
    ['ja-JP,ja;q=0.9', 'ja'],
    ['en-US,en;q=0.9,ja;q=0.8', 'en'],
    ['en;q=0.5, ja;q=0.9', 'ja'],
    // A lower-ranked language listed first still loses (a prefix check took the first one).
    ['en;q=0.1, ja', 'ja'],
    // q=0 means "not this one" (RFC 9110 §12.4.2).
    ['ja;q=0, en;q=0.5', 'en'],
    ['fr-FR, de', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});

describe('request.lang', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(cookie);
    await app.register(languagePlugin);
    app.get('/lang', async (request) => request.lang);
    await app.ready();
  });
  afterAll(() => app.close());
  const lang = async (headers: Record<string, string>) => (await app.inject({ url: '/lang', headers })).body;

  it('follows Accept-Language, else English', async () => {
    expect(await lang({ 'accept-language': 'ja-JP' })).toBe('ja');
    expect(await lang({ 'accept-language': 'ja;q=0' })).toBe('en');
    expect(await lang({ 'accept-language': 'fr' })).toBe('en');
    expect(await lang({})).toBe('en');
  });

  it("the lang cookie (the pages' language switch) wins; anything but ja or en in it is ignored", async () => {
    expect(await lang({ 'accept-language': 'ja', cookie: 'lang=en' })).toBe('en');
    expect(await lang({ 'accept-language': 'en', cookie: 'lang=ja' })).toBe('ja');
    expect(await lang({ 'accept-language': 'ja', cookie: 'lang=fr' })).toBe('ja');
  });
});
