import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ApiError, filledName } from '../errors.js';
import { ErrorReply, MAX_CREDENTIAL_ID_CHARS, PlainName } from '../http-schemas.js';
import { dropPasskeyAssurance, signedInAccount } from './current-account.js';
import { presentCredential } from './health.js';
import { refuseRemovingLastWayIn } from './last-way-in.js';
import { redactCeremony } from './redact.js';
import { AccountReply, CeremoniesReply, DeleteReply, RenameReply, SupportBundle } from './schemas.js';
import { requireOriginalPasskeyToChange } from './recovery-hold.js';
import { signalPayloads } from './signals.js';
import { strangerAttemptSummary } from './stranger-attempts.js';

const CredentialParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: MAX_CREDENTIAL_ID_CHARS }) });
const RenameBody = Type.Object({ label: PlainName(64) }, { additionalProperties: false });
const HistoryQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) },
  { additionalProperties: false },
);

export const accountRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; config: Config }> = async (app, opts) => {
  const { repos } = opts;
  const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

  app.get(
    '/api/account',
    {
      schema: {
        tags: ['account'],
        summary: 'The signed-in account, its passkeys and their health',
        response: { 200: AccountReply, ...errors },
      },
      config: { assurance: 'signed-in' },
    },
    async (request) => {
      const account = signedInAccount(request);
      return {
        username: account.username,
        displayName: account.displayName,
        createdAt: account.createdAt,
        credentials: repos.credentials.listForAccount(account.id).map(presentCredential),
        identities: repos.identities
          .listForAccount(account.id)
          .map((identity) => ({
            provider: identity.provider,
            issuer: identity.issuer,
            subject: identity.subject,
            displayName: identity.displayName,
            linkedAt: identity.linkedAt,
            needsReconfirm: identity.needsReconfirm,
          })),
        session: {
          method: request.session.method ?? null,
          assurance: request.session.assurance ?? null,
          recovered: request.session.recovered ?? false,
        },
        signals: signalPayloads(repos, opts.config, account),
      };
    },
  );

  app.patch(
    '/api/account/credentials/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'Rename a passkey',
        params: CredentialParams,
        body: RenameBody,
        response: { 200: RenameReply, ...errors },
      },
      config: { assurance: 'passkey' },
    },
    async (request) => {
      const account = signedInAccount(request);
      // During the recovery hold, the owner's older passkeys are renamed only with one of them (like delete/unlink).
      const target = repos.credentials.findById(request.params.id);
      requireOriginalPasskeyToChange(repos, request, target?.accountId === account.id ? target : undefined);
      const label = filledName(request.body.label, 'label_empty', 'A passkey label cannot be only spaces.');
      if (!repos.credentials.rename(request.params.id, account.id, label)) {
        throw new ApiError(404, 'credential_not_found', 'No such passkey on your account.');
      }
      return { renamed: true as const };
    },
  );

  app.delete(
    '/api/account/credentials/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'Delete a passkey (never the last way to sign in)',
        params: CredentialParams,
        response: { 200: DeleteReply, ...errors },
      },
      config: { assurance: 'passkey-from-before-recovery' },
    },
    async (request) => {
      const account = signedInAccount(request);
      // What the passkey was stays in the history: it may linger on a device until the browser gets the signal.
      const stored = repos.credentials
        .listForAccount(account.id)
        .find((credential) => credential.id === request.params.id);
      if (!stored) throw new ApiError(404, 'credential_not_found', 'No such passkey on your account.');
      const { id, transports, deviceType, backedUp, aaguid, attachment, registeredClient, createdAt } = stored;
      const credential = { id, transports, deviceType, backedUp, aaguid, attachment, registeredClient, createdAt };
      // One transaction: the last-way-in check, the deletion, the end of the other sessions signed in with that
      // passkey (a session lives no longer than what signed it in) and the log entry land together or not at all.
      const revokedSessions = repos.transaction(() => {
        refuseRemovingLastWayIn(repos, account.id, { passkeyId: request.params.id });
        repos.credentials.remove(request.params.id, account.id);
        const revoked = repos.sessions.revokeSignedInWithPasskey(
          account.id,
          request.params.id,
          request.session.sessionId,
        );
        repos.ceremonies.record({
          accountId: account.id,
          username: account.username,
          kind: 'credential.delete',
          outcome: 'recorded',
          detail: { credentialId: request.params.id, credential, revokedSessions: revoked },
        });
        return revoked;
      });
      if (request.session.passkeyId === request.params.id) dropPasskeyAssurance(request);
      // The page tells the browser (PublicKeyCredential.signalUnknownCredential) and reports it to /api/account/signals.
      return {
        deleted: true as const,
        signal: { rpId: opts.config.rpId, credentialId: request.params.id },
        revokedSessions,
      };
    },
  );

  app.get(
    '/api/account/ceremonies',
    {
      schema: {
        tags: ['account'],
        summary: 'Ceremony history of the signed-in account, newest first: `limit` security events and `limit` others',
        querystring: HistoryQuery,
        response: { 200: CeremoniesReply, ...errors },
      },
      config: { assurance: 'signed-in' },
    },
    async (request) => {
      const account = signedInAccount(request);
      const limit = Math.min(Number(request.query.limit ?? 50) || 50, 200);
      return {
        ceremonies: repos.ceremonies.listForAccount(account.id, limit),
        strangerAttempts: strangerAttemptSummary(repos, account.id),
      };
    },
  );

  app.get(
    '/api/account/support-bundle',
    {
      schema: {
        tags: ['account'],
        summary: 'Redacted support bundle: credentials and history without keys, signatures or challenges',
        response: { 200: SupportBundle, ...errors },
      },
      config: { assurance: 'signed-in' },
    },
    async (request, reply) => {
      const account = signedInAccount(request);
      const bundle = {
        generatedAt: new Date().toISOString(),
        rpId: opts.config.rpId,
        account: { username: account.username, createdAt: account.createdAt },
        credentials: repos.credentials.listForAccount(account.id).map((credential) => {
          const { registeredClient: _client, ...rest } = presentCredential(credential);
          return rest;
        }),
        ceremonies: repos.ceremonies.listForAccount(account.id, 200).map(redactCeremony),
        strangerAttempts: strangerAttemptSummary(repos, account.id),
      };
      reply.header(
        'Content-Disposition',
        `attachment; filename="support-bundle-${account.username.replace(/[^A-Za-z0-9_-]/g, '_')}.json"`,
      );
      return bundle;
    },
  );
};
