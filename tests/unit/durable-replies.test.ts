import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { GroupCommit, openDatabase } from '../../db/index.js';
import { durableRepliesPlugin } from '../../server/plugins/durable-replies.js';

// The reply waits for the commit that holds its writes, and the plugin cannot be put before the session plugin
// (whose onSend writes the session row that the commit must include).

const fakeSessionPlugin = fp(async () => {}, { name: 'lab-session' });

describe('durable replies', () => {
  it('refuses to be registered before the session plugin', async () => {
    const db = openDatabase(':memory:');
    const app = Fastify();
    await expect(app.register(durableRepliesPlugin, { groupCommit: new GroupCommit(db) })).rejects.toThrow(
      /lab-session/,
    );
    await app.close();
    db.close();
  });

  it('sends a reply only once the writes made while handling it are committed', async () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE note (text TEXT)');
    const groupCommit = new GroupCommit(db);
    const app = Fastify();
    await app.register(fakeSessionPlugin);
    await app.register(durableRepliesPlugin, { groupCommit });
    app.post('/write', async () => {
      groupCommit.run(() => db.prepare("INSERT INTO note VALUES ('kept')").run());
      // Handled, not yet committed: the shared transaction is still open when the handler returns.
      return { openWhenHandled: db.inTransaction };
    });
    const reply = await app.inject({ method: 'POST', url: '/write' });
    expect(reply.json()).toEqual({ openWhenHandled: true });
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT text FROM note').all()).toEqual([{ text: 'kept' }]);
    await app.close();
    db.close();
  });
});
