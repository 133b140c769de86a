import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Repositories } from '../../db/index.js';
import { originOfRequest, type Config } from '../config.js';
import { ApiError } from '../errors.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';
import { pageDocument } from '../plugins/pages.js';
import { refuseOtherSites } from '../plugins/security.js';
import { createInvite } from './invites.js';
import { accountView } from './lookup.js';
import { findCheckCode } from './check-codes.js';
import { ADD_PASSKEY_HERE } from '../support-asks.js';
import { applyFix } from './apply-fix.js';
import { proposeFixes } from './fixes.js';
import { deviceMatrix } from './matrix.js';
import { refusalText } from './refusal.js';
import {
  AccountParams,
  AccountQuery,
  AuditReply,
  CheckCodeParams,
  CheckCodeReply,
  FixAppliedReply,
  FixBody,
  FixesReply,
  InviteReply,
  StaffMeReply,
  SupportAccountReply,
} from './schemas.js';

const staffOnly = { assurance: 'staff' as const };
const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply };

/** The staff member of a route declared 'staff': the assurance check refused every session without one. */
function staffIdOf(request: FastifyRequest): number {
  const { staffId } = request.session;
  if (staffId === undefined)
    throw new Error(
      `${request.method} ${request.routeOptions.url} reads the staff member but does not declare 'staff'`,
    );
  return staffId;
}

/** The support console: every page and API route here answers staff sessions only (config.assurance 'staff'). */
export const supportRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; config: Config }> = async (app, opts) => {
  const { repos } = opts;

  // Pages: a refusal is a short page pointing to the staff sign-in, not JSON.
  await app.register(async (pages) => {
    pages.setErrorHandler((error, request, reply) => {
      const status = error instanceof ApiError ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'unexpected error');
      const text = refusalText(request.lang, status >= 500);
      return reply
        .code(status >= 500 ? 500 : 403)
        .type('text/plain; charset=utf-8')
        .send(text);
    });
    pages.get('/support', { schema: { hide: true }, config: staffOnly }, async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(pageDocument('support', request.lang)),
    );
  });
  // The API's look-ups are audited GETs: another site must not be able to make them in a staff member's name. The page
  // above may be opened from a link anywhere (a ticket, an e-mail).
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url?.startsWith('/api/')) await refuseOtherSites(request);
  });

  app.get(
    '/api/support/me',
    {
      schema: { tags: ['support'], summary: 'The signed-in staff member', response: { 200: StaffMeReply, ...errors } },
      config: staffOnly,
    },
    async (request) => {
      // The assurance check found this member in this request (a removal since would show at the next one).
      const member = repos.staff.findById(staffIdOf(request));
      if (!member)
        throw new ApiError(403, 'staff_only', 'This page is for support staff signed in with a staff passkey.');
      return { name: member.name, since: member.createdAt };
    },
  );

  app.post(
    '/api/support/invites',
    {
      schema: {
        tags: ['support'],
        summary: 'A new one-time enrollment link (24 hours) for another staff member',
        body: EmptyBody,
        response: { 200: InviteReply, ...errors },
      },
      config: staffOnly,
    },
    async (request) => {
      const staffId = staffIdOf(request);
      // The link points at the origin this staff member uses (PUBLIC_ORIGIN may list several).
      const invite = createInvite(repos, originOfRequest(opts.config, request), staffId);
      repos.transaction(() => repos.audit.append(staffId, 'invite.create', null, { expiresAt: invite.expiresAt }));
      return invite;
    },
  );

  app.get(
    '/api/support/audit',
    {
      schema: {
        tags: ['support'],
        summary: 'The support audit log, newest first (read-only)',
        response: { 200: AuditReply, ...errors },
      },
      config: staffOnly,
    },
    async () => ({ entries: repos.audit.recent(200) }),
  );

  app.get(
    '/api/support/accounts/:username',
    {
      schema: {
        tags: ['support'],
        summary: "A customer's passkeys, linked logins, health check, timeline and device matrix (audited)",
        description:
          "The matrix gives each device's predicted sheet in the staff's language (lang cookie) and in customerLang (default ja).",
        params: AccountParams,
        querystring: AccountQuery,
        response: { 200: SupportAccountReply, ...errors },
      },
      config: staffOnly,
    },
    async (request) => {
      // Audited whether or not the name exists: a look-up is what is recorded, not only a find.
      const account = auditedAccount(staffIdOf(request), request.params.username, 'account.lookup', request.query.via);
      const matrix = deviceMatrix(
        repos.credentials.listForAccount(account.id),
        request.lang,
        request.query.customerLang ?? 'ja',
        opts.config.rpId,
      );
      return { ...accountView(repos, account.id), matrix };
    },
  );

  /**
   * The account a staff route names, or 404; the look-up is audited either way. The name arrives in the canonical form
   * sign-in uses (plugins/username.ts), so "ＴＡＲＯ" finds taro.
   */
  function auditedAccount(staffId: number, username: string, action: string, via?: 'bundle') {
    const account = repos.accounts.findByUsername(username);
    repos.transaction(() =>
      repos.audit.append(staffId, action, username, { found: account !== undefined, ...(via ? { via } : {}) }),
    );
    if (!account) throw new ApiError(404, 'account_not_found', 'No account has this username.');
    return account;
  }

  app.get(
    '/api/support/accounts/:username/fixes',
    {
      schema: {
        tags: ['support'],
        summary: 'The fixes staff may offer and their effect on the device matrix, before applying (audited)',
        params: AccountParams,
        response: { 200: FixesReply, ...errors },
      },
      config: staffOnly,
    },
    async (request) => {
      const account = auditedAccount(staffIdOf(request), request.params.username, 'fixes.preview');
      const asked = repos.supportAsks.find(account.id, ADD_PASSKEY_HERE) !== undefined;
      return {
        fixes: proposeFixes(repos.credentials.listForAccount(account.id), request.lang, opts.config.rpId, asked),
      };
    },
  );

  app.post(
    '/api/support/accounts/:username/fixes',
    {
      schema: {
        tags: ['support'],
        summary: "Apply one proposed fix (audited, and shown in the customer's own history)",
        params: AccountParams,
        body: FixBody,
        response: { 200: FixAppliedReply, ...errors, 409: ErrorReply },
      },
      config: staffOnly,
    },
    async (request) => {
      const staffId = staffIdOf(request);
      const { username } = request.params;
      const { fixId } = request.body;
      try {
        // Proposed again inside the unit: a fix that no longer applies is refused.
        return repos.transaction(() =>
          applyFix(repos, repos.accounts.findByUsername(username), fixId, staffId, opts.config.rpId),
        );
      } catch (error) {
        // The refused attempt is recorded after the rollback: the log shows what staff tried, not only what changed.
        if (error instanceof ApiError)
          repos.transaction(() =>
            repos.audit.append(staffId, 'fix.refused', username, { fix: fixId, code: error.code }),
          );
        throw error;
      }
    },
  );

  app.get(
    '/api/support/check-codes/:code',
    {
      schema: {
        tags: ['support'],
        summary: "A customer's self-check by its code: detected facts, answers, the matching device (audited)",
        params: CheckCodeParams,
        response: { 200: CheckCodeReply, ...errors },
      },
      config: staffOnly,
    },
    async (request) => {
      const staffId = staffIdOf(request);
      try {
        const found = findCheckCode(repos, request.params.code);
        // Filed under the account only when the sender was signed in to it; a typed name stays in the detail.
        repos.transaction(() =>
          repos.audit.append(staffId, 'check.lookup', found.signedInAs, {
            found: true,
            typedUsername: found.typedUsername,
          }),
        );
        return found;
      } catch (error) {
        repos.transaction(() => repos.audit.append(staffId, 'check.lookup', null, { found: false }));
        throw error;
      }
    },
  );
};
