import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';

const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'client');
export const PAGES = ['login', 'signup', 'account', 'lab', 'history', 'lost-phone'] as const;

/** Picks the page language: the lang cookie set by the switch, else Accept-Language, else English. */
export function pickLanguage(request: FastifyRequest): 'ja' | 'en' {
  const chosen = request.cookies?.lang;
  if (chosen === 'ja' || chosen === 'en') return chosen;
  const accept = request.headers['accept-language'] ?? '';
  const ranked = accept
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag.startsWith('ja') || entry.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('ja') ? 'ja' : 'en';
}

/** A page of the lab: its <main>, the shared stylesheet, its script (/assets/<page>.js) and the header the nav fills in. */
export function pageShell(page: string, main: string, lang: 'ja' | 'en' = 'en'): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Passkey Dialog Lab</title>
  <link rel="stylesheet" href="/assets/styles.css">
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <script type="module" src="/assets/${page}.js"></script>
</head>
<body data-page="${page}">
  <header class="site"></header>
${main}</body>
</html>
`;
}

/** Serves the bundled client (built by `npm run build`) and the HTML pages with their language set. */
export const pagesPlugin = fp<{ config: Config }>(async (app: FastifyInstance) => {
  const distDir = join(CLIENT_DIR, 'dist');
  if (!existsSync(distDir)) {
    app.log.warn('client/dist is missing: run `npm run build` to bundle the pages');
  }
  await app.register(fastifyStatic, {
    root: existsSync(distDir) ? distDir : CLIENT_DIR,
    prefix: '/assets/',
    decorateReply: false,
    cacheControl: false,
  });

  // Each page file holds only its <main>; the shell (stylesheet, script, header the nav fills in) is shared.
  const templates = new Map<string, string>();
  const template = (page: string) => {
    let html = templates.get(page);
    if (html === undefined) {
      html = pageShell(page, readFileSync(join(CLIENT_DIR, 'pages', `${page}.html`), 'utf8'));
      templates.set(page, html);
    }
    return html;
  };

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/login'));
  // Pages name /assets/favicon.svg; a browser asking for the classic path (swagger-ui's page, a bookmark) gets it too.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/assets/favicon.svg'));
  for (const page of PAGES) {
    app.get(`/${page}`, { schema: { hide: true } }, async (request, reply) => {
      // The language lives in the lang cookie only: an anonymous visitor gets no session row (README, Privacy).
      const lang = pickLanguage(request);
      return reply.type('text/html; charset=utf-8').send(template(page).replace('<html lang="en">', `<html lang="${lang}">`));
    });
  }
});
