import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { html, raw, type Html } from '../html.js';
import { everyoneMayCallRoutesHere } from './assurance.js';
import type { Lang } from '../i18n.js';

const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'client');
export const PAGES = ['login', 'signup', 'account', 'lab', 'history', 'lost-phone'] as const;

/**
 * A page of the lab: its <main>, the shared stylesheet, its script (/assets/<page>.js) and the header the nav fills in.
 * A page whose controls need its script is served inert: until the script has attached its handlers (it loads its
 * catalogue first), a click or an Enter would do the browser's default — a form submitted natively, as a GET with its
 * fields (a username) in the URL. The script lifts it (client/src/lib/ready.ts). The phone page needs no script.
 */
export function pageShell(page: string, main: Html, lang: Lang, { needsScript = true } = {}): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Passkey Dialog Lab</title>
  <link rel="stylesheet" href="/assets/styles.css">
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <script type="module" src="/assets/${page}.js"></script>
</head>
<body data-page="${page}"${needsScript ? raw(' inert') : ''}>
  <header class="site"></header>
${main}</body>
</html>
`.toString();
}

const documents = new Map<string, string>();

/**
 * A page of fixed HTML, client/pages/<page>.html, in the shared shell, read once per page and language. Each page file
 * holds only its <main>; the shell (stylesheet, script, header the nav fills in) is shared. The lab's pages are served
 * here, the support console's and the self-check's by their routes (server/support).
 */
export function pageDocument(page: string, lang: Lang): string {
  let text = documents.get(`${page} ${lang}`);
  if (text === undefined) {
    text = pageShell(page, raw(readFileSync(join(CLIENT_DIR, 'pages', `${page}.html`), 'utf8')), lang);
    documents.set(`${page} ${lang}`, text);
  }
  return text;
}

/** Serves the bundled client (built by `npm run build`) and the HTML pages with their language set. */
export const pagesPlugin = fp(async (app: FastifyInstance) => {
  const distDir = join(CLIENT_DIR, 'dist');
  if (!existsSync(distDir)) {
    app.log.warn('client/dist is missing: run `npm run build` to bundle the pages');
  }
  // The bundled scripts and stylesheets are public: every page, the sign-in pages included, needs them.
  await app.register(async (assets) => {
    everyoneMayCallRoutesHere(assets);
    await assets.register(fastifyStatic, {
      root: existsSync(distDir) ? distDir : CLIENT_DIR,
      prefix: '/assets/',
      decorateReply: false,
      cacheControl: false,
    });
  });

  // The same shell for everyone: what a page shows comes from the API routes, which check who is asking.
  const shell = { schema: { hide: true }, config: { assurance: 'anyone' as const } };
  app.get('/', shell, async (_request, reply) => reply.redirect('/login'));
  // Pages name /assets/favicon.svg; a browser asking for the classic path (swagger-ui's page, a bookmark) gets it too.
  app.get('/favicon.ico', shell, async (_request, reply) => reply.redirect('/assets/favicon.svg'));
  for (const page of PAGES) {
    app.get(`/${page}`, shell, async (request, reply) => {
      // The language lives in the lang cookie only: an anonymous visitor gets no session row (docs/security.md, Stored data).
      return reply.type('text/html; charset=utf-8').send(pageDocument(page, request.lang));
    });
  }
});
