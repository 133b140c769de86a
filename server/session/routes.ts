import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { EmptyBody } from '../http-schemas.js';

const SessionReply = Type.Object({
  user: Type.Union([Type.Object({ username: Type.String() }), Type.Null()]),
  method: Type.Union([Type.String(), Type.Null()]),
  assurance: Type.Union([Type.String(), Type.Null()]),
  signedInAt: Type.Union([Type.Number(), Type.Null()]),
});

export async function sessionRoutes(app: FastifyInstance) {
  app.get('/api/session', { schema: { tags: ['session'], summary: 'Who is signed in, how, and at which assurance', response: { 200: SessionReply } } }, async (request) => {
    const { username, method, assurance, signedInAt } = request.session;
    return {
      user: username ? { username } : null,
      method: method ?? null,
      assurance: assurance ?? null,
      signedInAt: signedInAt ?? null,
    };
  });

  app.post('/api/session/logout', { schema: { tags: ['session'], summary: 'Sign out and forget the session', body: EmptyBody } }, async (request) => {
    await request.session.destroy();
    return { signedOut: true };
  });
}
