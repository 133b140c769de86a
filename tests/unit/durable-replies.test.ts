import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { GroupCommit, openDatabase, repositories } from '../../db/index.js';
import { durableRepliesPlugin } from '../../server/plugins/durable-replies.js';
import { errorsPlugin } from '../../server/plugins/errors.js';
import { SESSION_COOKIE, sessionPlugin } from '../../server/plugins/session.js';

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

  describe('when a shared commit fails', () => {
    // A real SQLite condition that fails at COMMIT and nowhere earlier: a deferred foreign key is checked only when
    // the transaction commits, so a unit writing an orphan row succeeds and the shared COMMIT holding it fails.
    async function lab() {
      const db = openDatabase(':memory:');
      db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
        CREATE TABLE note (text TEXT, parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
      const groupCommit = new GroupCommit(db, 60_000);
      const write = (text: string, parent: number | null = null) =>
        groupCommit.run(() => db.prepare('INSERT INTO note VALUES (?, ?)').run(text, parent));
      const app = Fastify();
      await app.register(errorsPlugin);
      await app.register(fakeSessionPlugin);
      await app.register(durableRepliesPlugin, { groupCommit });
      // Resolves (in the turn the handler wrote, before that turn's commit) once a handler has written text.
      const writers = new Map<string, () => void>();
      const hasWritten = (text: string) => new Promise<void>((resolve) => writers.set(text, resolve));
      let resume!: () => void;
      const verified = new Promise<void>((resolve) => (resume = resolve));
      // Writes, then awaits as a login awaits its signature check, then replies: the body's text is what it wrote.
      app.post<{ Body: { text: string } }>('/write-then-await', async (request) => {
        write(request.body.text);
        writers.get(request.body.text)?.();
        await verified;
        return { saved: request.body.text };
      });
      app.post<{ Body: { text: string } }>('/write', async (request) => {
        write(request.body.text);
        writers.get(request.body.text)?.();
        return { saved: request.body.text };
      });
      const notes = () => (db.prepare('SELECT text FROM note').all() as { text: string }[]).map((row) => row.text);
      return { db, groupCommit, write, app, hasWritten, resume, notes };
    }

    it('a request still awaiting when the commit holding its write failed gets 503, not success', async () => {
      const { db, groupCommit, write, app, hasWritten, resume, notes } = await lab();
      // Over a real socket, as the lab is used: the body arrives in the socket's callbacks.
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const written = hasWritten('lost');
      const reply = fetch(`${base}/write-then-await`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'lost' }),
      });
      await written;
      write('orphan', 404); // joins the same shared transaction: its COMMIT fails on the deferred foreign key
      await expect(groupCommit.flushed()).rejects.toThrow(/FOREIGN KEY/);
      expect(notes()).toEqual([]);
      resume(); // the request carries on after the failure and reaches onSend with no commit pending
      const answer = await reply;
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ error: { code: 'not_saved', message: expect.any(String) } });
      expect(db.inTransaction).toBe(false);
      await app.close();
      db.close();
    });

    it('a request whose reply waits for the failing commit gets 503; a request after it succeeds', async () => {
      const { db, write, app, hasWritten, notes } = await lab();
      const written = hasWritten('lost');
      const reply = app.inject({ method: 'POST', url: '/write', payload: { text: 'lost' } });
      await written;
      write('orphan', 404); // same turn, same shared transaction: the handler's reply now waits for its failing COMMIT
      const answer = await reply;
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error.code).toBe('not_saved');
      const after = await app.inject({ method: 'POST', url: '/write', payload: { text: 'kept' } });
      expect(after.json()).toEqual({ saved: 'kept' });
      expect(notes()).toEqual(['kept']);
      await app.close();
      db.close();
    });

    it('a request that wrote only after the failure is told its write is saved', async () => {
      const { db, groupCommit, write, app, notes } = await lab();
      write('orphan', 404);
      await expect(groupCommit.flushed()).rejects.toThrow(/FOREIGN KEY/);
      const answer = await app.inject({ method: 'POST', url: '/write', payload: { text: 'kept' } });
      expect(answer.json()).toEqual({ saved: 'kept' });
      expect(notes()).toEqual(['kept']);
      await app.close();
      db.close();
    });
  });
  it('a sign-in whose earlier writes were rolled back gets 503 with no session cookie, and its session is gone', async () => {
    // The real session plugin and store: a login takes its challenge (commit A), awaits the signature check, then
    // signs in; the session row is written in the session plugin's onSend (commit B). If A failed meanwhile, the
    // reply must neither say success nor carry a cookie naming a session.
    const db = openDatabase(':memory:');
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE note (text TEXT, parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
    const groupCommit = new GroupCommit(db, 60_000);
    const repos = repositories(db, groupCommit);
    const app = Fastify();
    await app.register(errorsPlugin);
    await app.register(cookie, { secret: 'a'.repeat(32) });
    await app.register(sessionPlugin, { secure: false, store: repos.sessions, transaction: repos.transaction });
    await app.register(durableRepliesPlugin, { groupCommit });
    let written!: () => void;
    const hasWritten = new Promise<void>((resolve) => (written = resolve));
    let resume!: () => void;
    const verified = new Promise<void>((resolve) => (resume = resolve));
    app.post('/sign-in', async (request) => {
      groupCommit.run(() => db.prepare("INSERT INTO note VALUES ('challenge taken', NULL)").run());
      written();
      await verified;
      request.session.userId = 1;
      request.session.assurance = 'high';
      return { signedIn: true };
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const reply = fetch(`${base}/sign-in`, { method: 'POST' });
    await hasWritten;
    groupCommit.run(() => db.prepare("INSERT INTO note VALUES ('orphan', 404)").run());
    await expect(groupCommit.flushed()).rejects.toThrow(/FOREIGN KEY/);
    resume();
    const answer = await reply;
    expect(answer.status).toBe(503);
    expect((await answer.json()).error.code).toBe('not_saved');
    expect(answer.headers.getSetCookie().filter((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toEqual([]);
    await groupCommit.flushed();
    // Destroyed: at most a tombstone (db/sessions.ts), which no request can load or save back.
    expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE revoked = 0').get()).toEqual({ n: 0 });
    await app.close();
    db.close();
  });
});
