import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { LINE_LIKE_ACCOUNTS } from '../accounts.js';
import type { GuessLimits } from '../guess-limits.js';
import { answerConsent, finishInteraction, interactionDetails, screenLanguage } from '../interactions.js';
import { LINE_KNOWN_COOKIE, rememberAccount } from '../known-browser.js';
import { html, type Html } from '../../html.js';
import { hiddenCsrf, idpPage } from '../layout.js';
import { passwordSignIn, refusalOf, refusalQuery } from '../sign-in.js';
import { DecisionBody, PasswordBody, RefusalQuery, UidParams } from '../schemas.js';
import { interpolate } from '../../i18n.js';
import { linePhoneScreens } from './phone.js';
import { PhoneCodeStore } from './phone-codes.js';
import type { PhoneSessions } from './phone-sessions.js';

/**
 * LINE-like screens, in the story's order: email + password (behind the guess limits), a 4-digit number on the PC
 * confirmed in "LINE on your phone" (phone.ts, the phone's own session), then consent with the "add as friend"
 * toggle (bot_prompt) whose answer comes back to the client as friendship_status_changed.
 */
export async function lineLikeScreens(
  app: FastifyInstance,
  opts: {
    idp: Provider;
    clientName: string;
    codes: PhoneCodeStore;
    phones: PhoneSessions;
    limits: GuessLimits;
    friendChoices: Map<string, boolean>;
  },
) {
  const { idp, clientName, codes, limits, friendChoices } = opts;
  const base = (uid: string) => `/ui/line/${encodeURIComponent(uid)}`;
  await app.register(linePhoneScreens, { codes, phones: opts.phones, limits });

  // Who: the browser holding this interaction's cookie (oidc-provider checks it).
  app.get<{ Params: UidParams; Querystring: RefusalQuery }>(
    '/ui/line/:uid',
    { schema: { params: UidParams, querystring: RefusalQuery } },
    async (request, reply) => {
      const details = await interactionDetails(idp, request, reply);
      const { lang, strings } = screenLanguage(details, request);
      const csrf = hiddenCsrf(reply.generateCsrf());
      if (details.prompt.name === 'login') {
        const refusal = refusalOf(strings, request.query, strings.wrongPassword);
        const error = refusal
          ? html`<p class="error" data-testid="line-error" data-reason="${refusal.reason}">${refusal.text}</p>`
          : '';
        return reply.type('text/html; charset=utf-8').send(
          idpPage({
            lang,
            strings,
            brand: 'line',
            title: strings.lineTitle,
            body: html`${error}<form method="post" action="${base(request.params.uid)}/login">${csrf}
<label>${strings.email}<input type="email" name="email" required autocomplete="username" data-testid="line-email"></label>
<label>${strings.password}<input type="password" name="password" required autocomplete="current-password" data-testid="line-password"></label>
<button type="submit" data-testid="line-login">${strings.login}</button></form>`,
          }),
        );
      }
      const askFriend = details.params.bot_prompt === 'normal' || details.params.bot_prompt === 'aggressive';
      const friend = askFriend
        ? html`<label><input type="checkbox" name="friend" value="on" checked data-testid="line-friend"> ${interpolate(strings.addFriend, { client: clientName })}</label>`
        : '';
      return reply.type('text/html; charset=utf-8').send(
        idpPage({
          lang,
          strings,
          brand: 'line',
          title: interpolate(strings.lineConsentTitle, { client: clientName }),
          body: html`<p>${strings.lineConsentItems}</p><form method="post" action="${base(request.params.uid)}/consent">${csrf}${friend}
<button type="submit" name="decision" value="allow" data-testid="line-allow">${strings.allow}</button>
<button type="submit" name="decision" value="deny" class="secondary">${strings.cancel}</button></form>`,
        }),
      );
    },
  );

  // Who: that interaction's browser, with the CSRF token, within the guess limits. A rate limit per source on top
  // bounds how many pending logins one address can open.
  app.post<{ Params: UidParams; Body: PasswordBody }>(
    '/ui/line/:uid/login',
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
        accounts: LINE_LIKE_ACCOUNTS,
        knownCookie: LINE_KNOWN_COOKIE,
        email: request.body?.email,
        password: request.body?.password,
      });
      if (!signIn.ok) return reply.redirect(`${base(request.params.uid)}?${refusalQuery(signIn)}`, 303);
      codes.create(request.params.uid, signIn.account.sub);
      return reply.redirect(`${base(request.params.uid)}/code`, 303);
    },
  );

  // The PC's page: shows the number and refreshes until the phone confirms it. Only the browser holding this
  // interaction's cookie gets here (interactionDetails), so the approval is used by the login it belongs to.
  app.get<{ Params: UidParams }>('/ui/line/:uid/code', { schema: { params: UidParams } }, async (request, reply) => {
    const details = await interactionDetails(idp, request, reply);
    const { lang, strings } = screenLanguage(details, request);
    const pending = codes.get(request.params.uid);
    const page = (body: Html, waiting = false) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          idpPage({
            lang,
            strings,
            brand: 'line',
            title: strings.verifyTitle,
            body,
            ...(waiting ? { script: '/ui/line-wait.js' } : {}),
          }),
        );
    if (!pending) return page(html`<p class="error" data-testid="line-code-error">${strings.expired}</p>`);
    if (pending.state === 'approved') {
      codes.consume(request.params.uid);
      rememberAccount(request, reply, LINE_KNOWN_COOKIE, pending.accountSub);
      // Password plus the number confirmed in the phone's own LINE session: two factors, as LINE reports with amr "mfa".
      return finishInteraction(idp, request, reply, { login: { accountId: pending.accountSub, amr: ['pwd', 'mfa'] } });
    }
    if (pending.state === 'locked')
      return page(html`<p class="error" data-testid="line-code-error">${strings.tooManyTries}</p>`);
    if (pending.expired) return page(html`<p class="error" data-testid="line-code-error">${strings.expired}</p>`);
    const seconds = Math.max(0, Math.round((pending.expiresAt - codes.now()) / 1000));
    return page(
      html`<p>${strings.verifyBody}</p><p class="code" data-testid="line-code">${pending.code}</p>
<p class="muted">${interpolate(strings.remaining, { seconds })} · ${strings.waiting}</p>
<p><a href="/ui/line/phone?lang=${lang}" target="_blank" rel="noopener" data-testid="line-open-phone">${strings.openPhone}</a></p>
<p><a href="${base(request.params.uid)}/code" data-testid="line-continue">${strings.continueAfterPhone}</a></p>`,
      true,
    );
  });

  // Whether the PC page should load again: anything but "still waiting" (line-wait.js asks every 2 s).
  app.get<{ Params: UidParams }>(
    '/ui/line/:uid/code/status',
    { schema: { params: UidParams } },
    async (request, reply) => {
      await interactionDetails(idp, request, reply);
      const pending = codes.get(request.params.uid);
      return { waiting: pending !== undefined && pending.state === 'waiting' && !pending.expired };
    },
  );

  // Who: that interaction's browser after the password and the phone's number (oidc-provider only prompts consent then).
  app.post<{ Params: UidParams; Body: DecisionBody }>(
    '/ui/line/:uid/consent',
    { preValidation: app.csrfProtection, schema: { params: UidParams, body: DecisionBody } },
    async (request, reply) => {
      const details = await interactionDetails(idp, request, reply);
      const allowed = request.body?.decision === 'allow';
      if (allowed && details.params.bot_prompt) {
        friendChoices.set(details.session!.accountId, request.body?.friend === 'on');
      }
      return answerConsent(idp, request, reply, details, request.body?.decision);
    },
  );
}
