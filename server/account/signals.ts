import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Repositories } from '../../db/index.js';
import type { Account } from '../../db/accounts.js';
import type { Config } from '../config.js';
import { ApiError, badRequest, filledName } from '../errors.js';
import { ErrorReply, MAX_CREDENTIAL_ID_CHARS, PlainName } from '../http-schemas.js';
import { accountRateLimit } from '../plugins/account-limit.js';
import { ACCOUNT_CEILING_FACTOR } from '../plugins/ceremony-limits.js';
import { signedInAccount } from './current-account.js';
import { DisplayNameReply, SignalRecordedReply, SignalsReply } from './schemas.js';

// The Signal API (issue 16 point 4): the server hands the page what to tell the browser, the page calls
// PublicKeyCredential.signal* where the browser has them, and reports back what it sent; each report is one entry in
// the account's history. Who may call: the signed-in account, for its own passkeys and names only.

const Base64Url = Type.String({ minLength: 1, maxLength: MAX_CREDENTIAL_ID_CHARS, pattern: '^[A-Za-z0-9_-]+$' });
const Result = Type.Union([Type.Literal('sent'), Type.Literal('unsupported'), Type.Literal('failed')]);
const ErrorName = Type.Optional(Type.String({ maxLength: 64 }));

export const SignalReport = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('unknown-credential'),
      result: Result,
      error: ErrorName,
      sent: Type.Object(
        { rpId: Type.String({ maxLength: 253 }), credentialId: Base64Url },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('all-accepted-credentials'),
      result: Result,
      error: ErrorName,
      sent: Type.Object(
        {
          rpId: Type.String({ maxLength: 253 }),
          userId: Base64Url,
          allAcceptedCredentialIds: Type.Array(Base64Url, { maxItems: 64 }),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('current-user-details'),
      result: Result,
      error: ErrorName,
      sent: Type.Object(
        {
          rpId: Type.String({ maxLength: 253 }),
          userId: Base64Url,
          name: Type.String({ maxLength: 64 }),
          displayName: Type.String({ maxLength: 128 }),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
]);
export type SignalReport = Static<typeof SignalReport>;

const DisplayNameBody = Type.Object({ displayName: PlainName(128) }, { additionalProperties: false });

/** What the page should pass to signalAllAcceptedCredentials and signalCurrentUserDetails for this account. */
export function signalPayloads(repos: Repositories, config: Pick<Config, 'rpId'>, account: Account) {
  return {
    allAcceptedCredentials: {
      rpId: config.rpId,
      userId: account.userHandle,
      allAcceptedCredentialIds: repos.credentials.listForAccount(account.id).map((credential) => credential.id),
    },
    currentUserDetails: {
      rpId: config.rpId,
      userId: account.userHandle,
      name: account.username,
      displayName: account.displayName,
    },
  };
}

/** A report must describe this account's own signal: its RP ID, its user handle, a passkey it really deleted. */
function checkReport(repos: Repositories, config: Pick<Config, 'rpId'>, account: Account, report: SignalReport) {
  if (report.sent.rpId !== config.rpId)
    throw badRequest('signal_mismatch', `Signals name this lab's RP ID (${config.rpId}).`);
  if (report.kind === 'unknown-credential') {
    if (!repos.signals.wasDeleted(account.id, report.sent.credentialId)) {
      throw badRequest('signal_mismatch', 'An unknown-credential signal may only name a passkey this account deleted.');
    }
    return;
  }
  if (report.sent.userId !== account.userHandle)
    throw badRequest('signal_mismatch', "The signal names another account's user handle.");
}

export const signalRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; config: Config }> = async (app, opts) => {
  const { repos, config } = opts;
  const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply };
  // One limiter per route, counted per session (as plugins/ceremony-limits.ts does): reports that a fallback session
  // sends in the background must not use up the owner's display-name changes.
  const perAccountLimit = () =>
    accountRateLimit(
      { perSource: config.rateLimitPerMinute, perAccount: config.rateLimitPerMinute * ACCOUNT_CEILING_FACTOR },
      (request) => (request.session?.userId !== undefined ? `session:${request.session.sessionId}` : undefined),
    );

  app.post(
    '/api/account/signals',
    {
      schema: {
        tags: ['account'],
        summary: 'Record a Signal API call the page made (any sign-in, own account only)',
        body: SignalReport,
        response: { 200: SignalRecordedReply, ...errors, 429: ErrorReply },
      },
      config: { assurance: 'signed-in' },
      // Any sign-in may report, a fallback one too: limited per account, so it cannot fill the history at will, and
      // not per address, where a page's background reports would use up the logins of everyone behind one NAT.
      preHandler: perAccountLimit(),
    },
    async (request) => {
      const account = signedInAccount(request);
      const report = request.body;
      checkReport(repos, config, account, report);
      const entry = {
        accountId: account.id,
        username: account.username,
        kind: `signal.${report.kind}`,
        outcome: report.result === 'failed' ? ('error' as const) : ('recorded' as const),
        errorCode: report.error ?? null,
        detail: { result: report.result, sent: report.sent, ...(report.error ? { error: report.error } : {}) },
      };
      repos.transaction(() => {
        if (!repos.signals.repeatsLast(entry)) repos.ceremonies.record(entry);
      });
      return { recorded: true as const };
    },
  );

  app.get(
    '/api/account/signals',
    {
      schema: {
        tags: ['account'],
        summary: 'What to signal for the signed-in account, and the signals sent so far (any sign-in)',
        response: { 200: SignalsReply, ...errors },
      },
      config: { assurance: 'signed-in' },
    },
    async (request) => {
      const account = signedInAccount(request);
      return { payloads: signalPayloads(repos, config, account), history: repos.signals.listForAccount(account.id) };
    },
  );

  app.patch(
    '/api/account/display-name',
    {
      schema: {
        tags: ['account'],
        summary: 'Change the display name passkey managers show (needs passkey assurance)',
        body: DisplayNameBody,
        response: { 200: DisplayNameReply, ...errors, 429: ErrorReply },
      },
      config: { assurance: 'passkey' },
      // Each change is a security event in the history (db/ceremonies.ts): limited, so changes cannot push others out.
      preHandler: perAccountLimit(),
    },
    async (request) => {
      const account = signedInAccount(request);
      const displayName = filledName(
        request.body.displayName,
        'display_name_empty',
        'The display name cannot be only spaces.',
      );
      repos.transaction(() => {
        if (!repos.accounts.setDisplayName(account.id, displayName))
          throw new ApiError(401, 'sign_in_required', 'Sign in first.');
        repos.ceremonies.record({
          accountId: account.id,
          username: account.username,
          kind: 'account.display-name',
          outcome: 'recorded',
          detail: { from: account.displayName, to: displayName },
        });
      });
      return { displayName, signal: signalPayloads(repos, config, { ...account, displayName }).currentUserDetails };
    },
  );
};
