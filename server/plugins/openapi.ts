import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { everyoneMayCallRoutesHere } from './assurance.js';

/** The route schemas are the contract; this publishes them as OpenAPI at /api/docs (UI) and /api/docs/json. */
export const openApiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Passkey Dialog Lab API',
        description:
          'WebAuthn ceremonies, the dialog predictor and the lab history. Errors are 4xx with { error: { code, message } }.',
        version: '1',
      },
      tags: [
        { name: 'registration' },
        { name: 'authentication' },
        { name: 'session' },
        { name: 'account' },
        { name: 'dialogs' },
        { name: 'lab' },
        { name: 'fallback' },
        { name: 'support' },
      ],
    },
  });
  // Served under the lab's own CSP (plugins/security-headers.ts), not swagger-ui's looser one (https: styles,
  // upgrade-insecure-requests, a validator image host). BaseLayout leaves out the top bar, whose logo is an SVG with
  // an inline <style> that the lab's style-src 'self' refuses; the validator badge (an outside image) stays off.
  // The documentation is public, like the routes it describes (each says who may call it).
  await app.register(async (docs) => {
    everyoneMayCallRoutesHere(docs);
    await docs.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: false,
      validatorUrl: false,
      uiConfig: { layout: 'BaseLayout' },
      // A stylesheet file (allowed by style-src 'self'): swagger-ui's pale badges and links darkened to WCAG AA contrast.
      theme: { css: [{ filename: 'lab-contrast.css', content: DOCS_CONTRAST_CSS }] },
    });
  });
});

const DOCS_CONTRAST_CSS = `
.swagger-ui .info .title small pre, .swagger-ui .info .title small { background: #4a5160; }
.swagger-ui .info a, .swagger-ui .info .url, .swagger-ui a.nostyle, .swagger-ui .info .base-url { color: #1a5fd1; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1e6b3a; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1a5fd1; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b3261e; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a5300; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0f6b5e; }
`;
