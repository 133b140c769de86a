import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from 'typebox';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';
import { GalleryReply, SeedStoryReply } from './schemas.js';
import { seedStory } from './story.js';

/** Where `npm run gallery` writes; GALLERY_DIR points elsewhere (tests use a temporary folder). Read per request. */
const galleryDir = () => process.env.GALLERY_DIR || join(process.cwd(), 'gallery-output');

/** Lab conveniences: the story's seed button and the real-sheet gallery made by `npm run gallery`. */
export const labRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; config: Config }> = async (app, opts) => {
  app.post(
    '/api/lab/seed-story',
    {
      schema: {
        tags: ['lab'],
        summary: 'Create the story account (phone passkey, LINE linked, Google not)',
        body: EmptyBody,
        response: { 200: SeedStoryReply, 409: ErrorReply },
      },
      config: { assurance: 'anyone' },
    },
    async () => seedStory(opts.repos, opts.config),
  );

  app.get(
    '/api/gallery',
    {
      schema: {
        tags: ['lab'],
        summary: 'Real Chromium and firefox-esr WebAuthn sheets captured by npm run gallery',
        response: { 200: GalleryReply },
      },
      config: { assurance: 'anyone' },
    },
    async () => {
      const manifest = join(galleryDir(), 'manifest.json');
      if (!existsSync(manifest)) return { chromium: null, shots: [] };
      return JSON.parse(readFileSync(manifest, 'utf8')) as GalleryReply;
    },
  );
  // Read on each request, so a gallery captured while the lab runs shows up without a restart.
  const ShotParams = Type.Object({ file: Type.String({ pattern: '^sheet-[0-9]{1,3}\\.png$' }) });
  app.get(
    '/gallery/:file',
    { schema: { hide: true, params: ShotParams }, config: { assurance: 'anyone' } },
    async (request, reply) => {
      const path = join(galleryDir(), request.params.file);
      if (!existsSync(path)) throw new ApiError(404, 'not_found', 'No such gallery image; run npm run gallery.');
      return reply.type('image/png').send(createReadStream(path));
    },
  );
};
