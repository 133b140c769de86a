import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Repositories } from '../../db/index.js';
import type { StaffMember } from '../../db/staff.js';
import type { Config } from '../config.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';
import { pageDocument } from '../plugins/pages.js';
import { SESSION_COOKIE } from '../plugins/session.js';
import { browserBinding } from '../session/browser-binding.js';
import { AuthenticationOptionsReply, RegistrationOptionsReply } from '../webauthn/schemas.js';
import {
  EnrollOptionsBody,
  EnrollVerifyBody,
  LoginVerifyBody,
  StaffEnrolledReply,
  StaffSignedInReply,
} from './schemas.js';
import { loginOptions, loginVerify, enrollOptions, enrollVerify } from './staff-auth.js';
import { filledName } from '../errors.js';

/** A staff session: a fresh id, the staff flag and nothing of a customer session that may have been there. */
async function signInStaff(request: FastifyRequest, member: StaffMember) {
  if (request.cookies[SESSION_COOKIE] !== undefined) await request.session.regenerate();
  request.session.staffId = member.id;
  request.session.staffVia = 'passkey';
  request.session.signedInAt = Date.now();
}

/**
 * Where staff enroll (with an invitation link) and sign in. Outside /support on purpose: everything under /support
 * and /api/support answers staff sessions only, and these are how a browser becomes one.
 */
export const staffRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; config: Config }> = async (app, opts) => {
  const deps = { config: opts.config, repos: opts.repos };
  const secure = opts.config.secureOrigins;
  const limit = app.rateLimit({ max: opts.config.rateLimitPerMinute, timeWindow: 60_000 });
  const errors = { 400: ErrorReply, 403: ErrorReply, 409: ErrorReply, 410: ErrorReply, 429: ErrorReply };
  const anyone = 'Who may call: anyone (enrollment needs a live invitation link; sign-in needs a staff passkey).';

  for (const page of ['enroll', 'login'] as const) {
    app.get(`/staff/${page}`, { schema: { hide: true }, config: { assurance: 'anyone' } }, async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(pageDocument('staff', request.lang)),
    );
  }

  app.post(
    '/api/staff/enroll/options',
    {
      schema: {
        tags: ['support'],
        summary: 'Start enrolling a staff passkey with an invitation token',
        description: anyone,
        body: EnrollOptionsBody,
        response: { 200: RegistrationOptionsReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limit,
    },
    async (request, reply) =>
      enrollOptions(
        deps,
        browserBinding(request, reply, secure),
        request.body.token,
        filledName(request.body.name, 'staff_name_empty', 'Enter your name (not only spaces).'),
      ),
  );

  app.post(
    '/api/staff/enroll/verify',
    {
      schema: {
        tags: ['support'],
        summary: 'Finish enrolling: the invitation is used up and the staff member signed in',
        description: anyone,
        body: EnrollVerifyBody,
        response: { 200: StaffEnrolledReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limit,
    },
    async (request, reply) => {
      const member = await enrollVerify(deps, browserBinding(request, reply, secure), request.body.response);
      await signInStaff(request, member);
      return { enrolled: true as const, staff: { name: member.name } };
    },
  );

  app.post(
    '/api/staff/login/options',
    {
      schema: {
        tags: ['support'],
        summary: 'Staff sign-in options (no list of passkeys; user verification required)',
        description: anyone,
        body: EmptyBody,
        response: { 200: AuthenticationOptionsReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limit,
    },
    async (request, reply) => loginOptions(deps, browserBinding(request, reply, secure)),
  );

  app.post(
    '/api/staff/login/verify',
    {
      schema: {
        tags: ['support'],
        summary: 'Staff sign-in with a staff passkey',
        description: anyone,
        body: LoginVerifyBody,
        response: { 200: StaffSignedInReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limit,
    },
    async (request, reply) => {
      const member = await loginVerify(deps, browserBinding(request, reply, secure), request.body.response);
      await signInStaff(request, member);
      return { signedIn: true as const, staff: { name: member.name } };
    },
  );
};
