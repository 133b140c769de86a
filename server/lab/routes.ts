import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { EmptyBody } from '../http-schemas.js';
import { seedStory } from './story.js';

export const GALLERY_DIR = join(process.cwd(), 'gallery-output');

/** Lab conveniences: the story's seed button and the real-sheet gallery made by `npm run gallery`. */
export async function labRoutes(app: FastifyInstance, opts: { repos: Repositories; config: Config }) {
  app.post('/api/lab/seed-story', { schema: { tags: ['lab'], summary: 'Create the story account (phone passkey, LINE linked, Google not)', body: EmptyBody } }, async () =>
    seedStory(opts.repos, opts.config),
  );

  app.get('/api/gallery', { schema: { tags: ['lab'], summary: 'Real Chromium WebAuthn sheets captured by npm run gallery' } }, async () => {
    const manifest = join(GALLERY_DIR, 'manifest.json');
    if (!existsSync(manifest)) return { chromium: null, shots: [] };
    return JSON.parse(readFileSync(manifest, 'utf8')) as unknown;
  });
  if (existsSync(GALLERY_DIR)) {
    await app.register(fastifyStatic, { root: GALLERY_DIR, prefix: '/gallery/', decorateReply: false });
  }
}
