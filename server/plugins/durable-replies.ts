import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { GroupCommit, WriteLedger } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { ErrorReply } from '../http-schemas.js';

/**
 * A reply leaves only after the COMMIT that holds its writes. Under the group commit (db/group-commit.ts) a route's
 * `repos.transaction` is a savepoint in a transaction shared by the requests of a few milliseconds, committed at the
 * end of the first event-loop turn that brings nothing new, once it is maxHoldMs old, or early when the WAL
 * checkpointer needs it closed (db/checkpointer.ts, commitNow); this hook holds every reply
 * until then, so an acknowledged write survives a crash of the process (tests/api/crash-safety.test.ts). A request
 * may write, await (a signature check) and reply after the commit holding its first writes has already failed: a
 * shared commit that failed while the request ran turns its reply into a 503 error (db/group-commit.ts), never a
 * success for a write that was rolled back.
 * It depends on the session plugin: that plugin writes the session row in its own onSend, and onSend hooks run in the
 * order they were added, so this one must come after it (fastify-plugin refuses to register it before).
 */
export const durableRepliesPlugin = fp<{ groupCommit: GroupCommit }>(
  async (app: FastifyInstance, { groupCommit }) => {
    // Any route here may answer 503 not_saved (below): its API description says so next to its other refusals.
    app.addHook('onRoute', (route) => {
      const response = route.schema?.response as Record<string, unknown> | undefined;
      if (response && !('503' in response)) response['503'] = ErrorReply;
    });
    const ledgers = new WeakMap<FastifyRequest, WriteLedger>();
    app.addHook('onRequest', (request, _reply, done) => {
      // From here on, a shared commit that fails is reported to this request's reply.
      ledgers.set(request, groupCommit.ledger());
      done();
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      groupCommit.durable(ledgers.get(request) ?? groupCommit.ledger()).then(
        () => done(null, payload),
        async (error: unknown) => {
          request.log.error({ err: error }, 'a commit holding this request’s writes failed');
          // A session saved by this request may be a sign-in whose other writes were rolled back: it is removed, and
          // no cookie of this reply names it (@fastify/session sets its cookie again on the error reply otherwise).
          if (request.session?.isSaved()) await request.session.destroy().catch(() => undefined);
          reply.removeHeader('set-cookie');
          done(
            new ApiError(
              503,
              'not_saved',
              'The server could not save this change and undid it. Nothing was done; try again.',
            ),
          );
        },
      );
    });
  },
  { name: 'durable-replies', dependencies: ['lab-session'] },
);
