import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { everyoneMayCallRoutesHere } from '../../server/plugins/assurance.js';

// For plugins that take no route options: their routes declare 'anyone', and a route there that asked for more is
// refused at start-up rather than served without its check.
describe('everyoneMayCallRoutesHere', () => {
  it("declares 'anyone' on the routes of its context", async () => {
    const app = Fastify();
    const seen: unknown[] = [];
    await app.register(async (scope) => {
      everyoneMayCallRoutesHere(scope);
      scope.addHook('onRoute', (route) => void seen.push(route.config));
      scope.get('/file', async () => 'ok');
    });
    await app.ready();
    expect(seen).toContainEqual(expect.objectContaining({ assurance: 'anyone' }));
    await app.close();
  });

  it('refuses a route there that declares another level', async () => {
    const app = Fastify();
    await expect(
      app.register(async (scope) => {
        everyoneMayCallRoutesHere(scope);
        scope.get('/secret', { config: { assurance: 'staff' } }, async () => 'no');
      }),
    ).rejects.toThrow(/declares 'staff'/);
    await app.close();
  });
});
