import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { Lang } from '../i18n.js';
import { preferredLanguage } from '../plugins/language.js';
import { idpStrings, type IdpStrings } from './strings.js';

export type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export async function interactionDetails(
  idp: Provider,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Details> {
  return idp.interactionDetails(request.raw, reply.raw);
}

/** Hands the result back to oidc-provider and follows its redirect (303 so the browser switches to GET). */
export async function finishInteraction(
  idp: Provider,
  request: FastifyRequest,
  reply: FastifyReply,
  result: InteractionResults,
) {
  const redirectTo = await idp.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: true });
  return reply.redirect(redirectTo, 303);
}

/** Grants exactly what the client asked for and the user approved on the consent screen. */
async function grantConsent(idp: Provider, details: Details): Promise<InteractionResults> {
  const { prompt, params, session } = details;
  const accountId = session!.accountId;
  const grant = details.grantId
    ? await idp.Grant.find(details.grantId)
    : new idp.Grant({ accountId, clientId: params.client_id as string });
  const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant!.save();
  return { consent: { grantId } };
}

/** The consent screen's answer: anything but "allow" returns access_denied to the client; "allow" grants what it asked. */
export async function answerConsent(
  idp: Provider,
  request: FastifyRequest,
  reply: FastifyReply,
  details: Details,
  decision: string | undefined,
) {
  if (decision !== 'allow') {
    return finishInteraction(idp, request, reply, { error: 'access_denied', error_description: 'The user cancelled.' });
  }
  return finishInteraction(idp, request, reply, await grantConsent(idp, details));
}

/** The client's ui_locales (the lab passes its page language) when it names ja or en, else the request's own language. */
export function screenLanguage(
  details: Details | undefined,
  request: FastifyRequest,
): { lang: Lang; strings: IdpStrings } {
  const uiLocales = details?.params.ui_locales;
  const lang =
    (typeof uiLocales === 'string' ? preferredLanguage(uiLocales.trim().split(/\s+/).join(',')) : undefined) ??
    request.lang;
  return { lang, strings: idpStrings[lang] };
}
