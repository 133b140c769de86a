import type { FastifyInstance } from 'fastify';
import { LINE_LIKE_ACCOUNTS } from '../accounts.js';
import type { GuessLimits } from '../guess-limits.js';
import { html } from '../../html.js';
import { hiddenCsrf, idpPage } from '../layout.js';
import { passwordSignIn, refusalOf, refusalQuery, sameSecret } from '../sign-in.js';
import { PhoneConfirmBody, PhoneQuery, PhoneSignInBody, PhoneSignOutBody } from '../schemas.js';
import { interpolate } from '../../i18n.js';
import { idpStrings } from '../strings.js';
import type { PhoneCodeStore } from './phone-codes.js';
import type { PhoneSessions } from './phone-sessions.js';

const PHONE = '/ui/line/phone';

/**
 * "LINE on your phone" (demo): without the phone's own LINE session it only offers that sign-in; signed in, it lists
 * the account's logins waiting on a PC, each confirmed by typing the number that PC shows. Whoever merely knows the
 * password, or the account's public sub, cannot confirm a number or spend the owner's tries.
 */
export async function linePhoneScreens(
  app: FastifyInstance,
  opts: { codes: PhoneCodeStore; phones: PhoneSessions; limits: GuessLimits },
) {
  const { codes, phones, limits } = opts;

  // Who: anyone; without the phone's session it shows only the phone's sign-in.
  app.get<{ Querystring: PhoneQuery }>(PHONE, { schema: { querystring: PhoneQuery } }, async (request, reply) => {
    const lang = request.lang;
    const strings = idpStrings[lang];
    const csrf = hiddenCsrf(reply.generateCsrf());
    const langInput = html`<input type="hidden" name="lang" value="${lang}">`;
    const account = phones.account(request);
    if (!account) {
      const refused =
        request.query.result === 'signed-out'
          ? html`<p class="error" data-testid="phone-result" data-result="signed-out">${strings.phoneSignedOut}</p>`
          : '';
      const refusal = refusalOf(strings, request.query, strings.phoneSignInWrong);
      const error = refusal
        ? html`<p class="error" data-testid="phone-sign-in-error" data-reason="${refusal.reason}">${refusal.text}</p>`
        : '';
      return reply.type('text/html; charset=utf-8').send(
        idpPage({
          lang,
          strings,
          brand: 'line',
          title: strings.phoneSignInTitle,
          body: html`${refused}<p>${strings.phoneSignInBody}</p>${error}
<form method="post" action="${PHONE}/sign-in" data-testid="phone-sign-in">${csrf}${langInput}
<label>${strings.email}<input type="email" name="email" required autocomplete="username" data-testid="phone-email"></label>
<label>${strings.password}<input type="password" name="password" required autocomplete="current-password" data-testid="phone-password"></label>
<label>${strings.phoneSmsCode}<input type="text" name="sms" inputmode="numeric" autocomplete="one-time-code" required data-testid="phone-sms"></label>
<button type="submit" data-testid="phone-sign-in-button">${strings.phoneSignIn}</button></form>`,
        }),
      );
    }
    const messages: Record<string, string> = {
      approved: strings.phoneOk,
      wrong: interpolate(strings.phoneWrong, { left: Number.parseInt(request.query.left ?? '0', 10) || 0 }),
      locked: strings.tooManyTries,
      expired: strings.expired,
      none: strings.phoneNothing,
    };
    const result = request.query.result ?? '';
    const message = Object.hasOwn(messages, result)
      ? html`<p class="${result === 'approved' ? '' : 'error'}" data-testid="phone-result" data-result="${result}">${messages[result]!}</p>`
      : '';
    const waiting = codes.waitingFor(account.sub);
    const requests = waiting.length
      ? waiting.map(
          (
            pending,
          ) => html`<form method="post" action="${PHONE}/confirm" data-testid="phone-request">${csrf}${langInput}<input type="hidden" name="login" value="${pending.id}">
<p class="muted">${interpolate(strings.phoneRequest, { seconds: Math.max(0, Math.round((pending.expiresAt - codes.now()) / 1000)) })}</p>
<label>${strings.phoneCode}<input type="text" name="code" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required data-testid="phone-code"></label>
<button type="submit" data-testid="phone-verify">${strings.phoneVerify}</button></form>`,
        )
      : html`<p class="muted" data-testid="phone-nothing">${strings.phoneNothing}</p>`;
    return reply.type('text/html; charset=utf-8').send(
      idpPage({
        lang,
        strings,
        brand: 'line',
        title: strings.phoneTitle,
        body: html`<p class="muted" data-testid="phone-account">${interpolate(strings.phoneAccount, { name: account.name })}</p><p>${strings.phoneBody}</p>
${message}${requests}
<form method="post" action="${PHONE}/sign-out">${csrf}${langInput}<button type="submit" class="secondary" data-testid="phone-sign-out">${strings.phoneSignOut}</button></form>`,
      }),
    );
  });

  // Who: anyone with the CSRF token, within the guess limits. Password AND the demo SMS code: the password alone never
  // signs a phone in, so it never yields amr "mfa".
  app.post<{ Body: PhoneSignInBody }>(
    `${PHONE}/sign-in`,
    {
      preValidation: app.csrfProtection,
      schema: { body: PhoneSignInBody },
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const lang = request.lang;
      const sms = String(request.body?.sms ?? '').trim();
      const signIn = passwordSignIn({
        request,
        limits,
        accounts: LINE_LIKE_ACCOUNTS,
        // No known-browser pass here: the phone app signs in on its own, and a PC's history does not excuse it.
        email: request.body?.email,
        password: request.body?.password,
        extra: (account) => sameSecret(sms, account.phoneSmsCode ?? ''),
      });
      if (!signIn.ok) return reply.redirect(`${PHONE}?lang=${lang}&${refusalQuery(signIn)}`, 303);
      phones.start(request, reply, signIn.account.sub);
      return reply.redirect(`${PHONE}?lang=${lang}`, 303);
    },
  );

  // Who: the phone's own signed-in LINE session, with the CSRF token. Only the phone's own session may enter numbers, and only for its own account's logins: a stranger's numbers are
  // refused before they are compared, so they cannot use up the owner's tries.
  app.post<{ Body: PhoneConfirmBody }>(
    `${PHONE}/confirm`,
    {
      preValidation: app.csrfProtection,
      schema: { body: PhoneConfirmBody },
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const lang = request.lang;
      const account = phones.account(request);
      if (!account) return reply.redirect(`${PHONE}?lang=${lang}&result=signed-out`, 303);
      const { result, triesLeft } = codes.submit(
        account.sub,
        String(request.body?.login ?? ''),
        String(request.body?.code ?? '').trim(),
      );
      return reply.redirect(`${PHONE}?lang=${lang}&result=${result}&left=${triesLeft}`, 303);
    },
  );

  // Who: the phone's session (anyone else has nothing to end), with the CSRF token.
  app.post<{ Body: PhoneSignOutBody }>(
    `${PHONE}/sign-out`,
    { preValidation: app.csrfProtection, schema: { body: PhoneSignOutBody } },
    async (request, reply) => {
      phones.end(request, reply);
      return reply.redirect(`${PHONE}?lang=${request.lang}`, 303);
    },
  );
}
