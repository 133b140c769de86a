import type { FastifyRequest } from 'fastify';
import type { Repositories } from '../../db/index.js';
import { ApiError } from '../errors.js';

/** The signed-in account, or a 401 sign_in_required. */
export function requireAccount(request: FastifyRequest, repos: Repositories) {
  const userId = request.session.userId;
  const account = userId === undefined ? undefined : repos.accounts.findById(userId);
  if (!account) throw new ApiError(401, 'sign_in_required', 'Sign in first.');
  return account;
}
