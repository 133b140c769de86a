import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { GroupCommit } from '../../db/index.js';

/**
 * A reply leaves only after the COMMIT that holds its writes. Under the group commit (db/group-commit.ts) a route's
 * `repos.transaction` is a savepoint in a transaction shared by the requests of a few milliseconds, committed just
 * after the handler returns; this hook holds every reply until then, so an acknowledged write survives a crash of
 * the process (tests/api/crash-safety.test.ts). A failed commit turns the reply into an error.
 * It depends on the session plugin: that plugin writes the session row in its own onSend, and onSend hooks run in the
 * order they were added, so this one must come after it (fastify-plugin refuses to register it before).
 */
export const durableRepliesPlugin = fp<{ groupCommit: GroupCommit }>(
  async (app: FastifyInstance, { groupCommit }) => {
    app.addHook('onSend', (_request, _reply, payload, done) => {
      groupCommit.flushed().then(() => done(null, payload), done);
    });
  },
  { name: 'durable-replies', dependencies: ['lab-session'] },
);
