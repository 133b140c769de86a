import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { GOOGLE_LIKE_ACCOUNTS, findGoogleLike } from '../accounts.js';
import type { GuessLimits } from '../guess-limits.js';
import { answerConsent, finishInteraction, interactionDetails, screenLanguage } from '../interactions.js';
import { GOOGLE_KNOWN_COOKIE, knownAccounts, rememberAccount } from '../known-browser.js';
import { html } from '../../html.js';
import { hiddenCsrf, idpPage } from '../layout.js';
import { passwordSignIn, refusalOf, refusalQuery } from '../sign-in.js';
import { ChooseBody, DecisionBody, PasswordBody, RefusalQuery, UidParams } from '../schemas.js';
import { interpolate } from '../../i18n.js';

/**
 * Google-like screens: an account chooser, then a consent page. Like real Google, the chooser lists only the
 * identities already signed in on this browser (a signed cookie set by a completed sign-in); "use another account"
 * asks for that identity's password, behind the same guess limits as the LINE-like login. Labelled as demo copies.
 */
export async function googleLikeScreens(
  app: FastifyInstance,
  opts: { idp: Provider; clientName: string; limits: GuessLimits },
) {
  const { idp, clientName, limits } = opts;
  const page = (uid: string) => `/ui/google/${encodeURIComponent(uid)}`;

  // Who: the browser holding this interaction's cookie (oidc-provider checks it), signed out or in at the identity provider.
  app.get<{ Params: UidParams; Querystring: RefusalQuery }>(
    '/ui/google/:uid',
    { schema: { params: UidParams, querystring: RefusalQuery } },
    async (request, reply) => {
      const details = await interactionDetails(idp, request, reply);
      const { lang, strings } = screenLanguage(details, request);
      const csrf = hiddenCsrf(reply.generateCsrf());
      const action = page(request.params.uid);
      if (details.prompt.name === 'login') {
        const signedIn = knownAccounts(request, GOOGLE_KNOWN_COOKIE).flatMap((sub) => findGoogleLike(sub) ?? []);
        const list = signedIn.length
          ? html`<ul class="accounts">${signedIn.map(
              (account) =>
                html`<li><form method="post" action="${action}/login">${csrf}<input type="hidden" name="sub" value="${account.sub}"><button type="submit" data-testid="google-account" data-email="${account.email}">${account.name}<br><span class="muted">${account.email}</span></button></form></li>`,
            )}</ul>`
          : html`<p class="muted" data-testid="google-no-accounts">${strings.chooseAccountNone}</p>`;
        const refusal = refusalOf(strings, request.query, strings.wrongPassword);
        const error = refusal
          ? html`<p class="error" data-testid="google-error" data-reason="${refusal.reason}">${refusal.text}</p>`
          : '';
        return reply.type('text/html; charset=utf-8').send(
          idpPage({
            lang,
            strings,
            brand: 'google',
            title: strings.chooseAccount,
            body: html`<p>${interpolate(strings.toContinue, { client: clientName })}</p>${list}${error}
<h2>${strings.useAnother}</h2><form method="post" action="${action}/password">${csrf}
<label>${strings.email}<input type="email" name="email" required autocomplete="username" data-testid="google-email"></label>
<label>${strings.password}<input type="password" name="password" required autocomplete="current-password" data-testid="google-password"></label>
<button type="submit" data-testid="google-sign-in">${strings.signIn}</button></form>`,
          }),
        );
      }
      return reply.type('text/html; charset=utf-8').send(
        idpPage({
          lang,
          strings,
          brand: 'google',
          title: interpolate(strings.consentTitle, { client: clientName }),
          body: html`<p>${interpolate(strings.consentShares, { client: clientName })}</p>
<form method="post" action="${action}/consent">${csrf}
<button type="submit" name="decision" value="allow" data-testid="google-continue">${strings.continue}</button>
<button type="submit" name="decision" value="deny" class="secondary">${strings.cancel}</button></form>`,
        }),
      );
    },
  );

  // Who: that interaction's browser, with the CSRF token. Picking from the chooser: only an identity this browser already signed in as. Any other sub is refused, so
  // nobody can claim a demo identity by posting its (public) sub.
  app.post<{ Params: UidParams; Body: ChooseBody }>(
    '/ui/google/:uid/login',
    { preValidation: app.csrfProtection, schema: { params: UidParams, body: ChooseBody } },
    async (request, reply) => {
      await interactionDetails(idp, request, reply);
      const sub = String(request.body?.sub ?? '');
      const account = knownAccounts(request, GOOGLE_KNOWN_COOKIE).includes(sub) ? findGoogleLike(sub) : undefined;
      if (!account) return reply.redirect(`${page(request.params.uid)}?error=not-signed-in`, 303);
      return finishInteraction(idp, request, reply, { login: { accountId: account.sub, amr: ['pwd'] } });
    },
  );

  // Who: that interaction's browser, with the CSRF token, within the guess limits: "use another account".
  app.post<{ Params: UidParams; Body: PasswordBody }>(
    '/ui/google/:uid/password',
    {
      preValidation: app.csrfProtection,
      schema: { params: UidParams, body: PasswordBody },
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      await interactionDetails(idp, request, reply);
      const signIn = passwordSignIn({
        request,
        limits,
        accounts: GOOGLE_LIKE_ACCOUNTS,
        knownCookie: GOOGLE_KNOWN_COOKIE,
        email: request.body?.email,
        password: request.body?.password,
      });
      if (!signIn.ok) return reply.redirect(`${page(request.params.uid)}?${refusalQuery(signIn)}`, 303);
      rememberAccount(request, reply, GOOGLE_KNOWN_COOKIE, signIn.account.sub);
      return finishInteraction(idp, request, reply, { login: { accountId: signIn.account.sub, amr: ['pwd'] } });
    },
  );

  // Who: that interaction's browser, signed in at the identity provider (oidc-provider only prompts consent then).
  app.post<{ Params: UidParams; Body: DecisionBody }>(
    '/ui/google/:uid/consent',
    { preValidation: app.csrfProtection, schema: { params: UidParams, body: DecisionBody } },
    async (request, reply) => {
      const details = await interactionDetails(idp, request, reply);
      return answerConsent(idp, request, reply, details, request.body?.decision);
    },
  );
}
