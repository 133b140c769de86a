import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { timingSafeEqual } from 'node:crypto';
import { LINE_LIKE_ACCOUNTS, findLineLike } from '../accounts.js';
import { finishInteraction, grantConsent, interactionDetails, screenLanguage } from '../interactions.js';
import { escapeHtml, hiddenCsrf, idpPage } from '../layout.js';
import { fill, idpStrings, pickIdpLang } from '../strings.js';
import { PhoneCodeStore } from './phone-codes.js';

interface UidParams {
  uid: string;
}

const samePassword = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * LINE-like screens, in the story's order: email + password, a 4-digit number on the PC confirmed in "LINE on your
 * phone", then consent with the "add as friend" toggle (bot_prompt) whose answer comes back to the client as
 * friendship_status_changed.
 */
export async function lineLikeScreens(app: FastifyInstance, opts: { provider: Provider; clientName: string; codes: PhoneCodeStore; friendChoices: Map<string, boolean> }) {
  const { provider, clientName, codes, friendChoices } = opts;
  const base = (uid: string) => `/ui/line/${encodeURIComponent(uid)}`;

  app.get<{ Params: UidParams; Querystring: { error?: string } }>('/ui/line/:uid', async (request, reply) => {
    const details = await interactionDetails(provider, request, reply);
    const { lang, strings } = screenLanguage(details, request);
    const csrf = hiddenCsrf(reply.generateCsrf());
    if (details.prompt.name === 'login') {
      const error = request.query.error ? `<p class="error" data-testid="line-error">${escapeHtml(strings.wrongPassword)}</p>` : '';
      return reply.type('text/html; charset=utf-8').send(
        idpPage({
          lang,
          strings,
          brand: 'line',
          title: strings.lineTitle,
          body: `${error}<form method="post" action="${base(request.params.uid)}/login">${csrf}
<label>${escapeHtml(strings.email)}<input type="email" name="email" required autocomplete="username" data-testid="line-email"></label>
<label>${escapeHtml(strings.password)}<input type="password" name="password" required autocomplete="current-password" data-testid="line-password"></label>
<button type="submit" data-testid="line-login">${escapeHtml(strings.login)}</button></form>`,
        }),
      );
    }
    const askFriend = details.params.bot_prompt === 'normal' || details.params.bot_prompt === 'aggressive';
    const friend = askFriend
      ? `<label><input type="checkbox" name="friend" value="on" checked data-testid="line-friend"> ${escapeHtml(fill(strings.addFriend, { client: clientName }))}</label>`
      : '';
    return reply.type('text/html; charset=utf-8').send(
      idpPage({
        lang,
        strings,
        brand: 'line',
        title: fill(strings.lineConsentTitle, { client: clientName }),
        body: `<p>${escapeHtml(strings.lineConsentItems)}</p><form method="post" action="${base(request.params.uid)}/consent">${csrf}${friend}
<button type="submit" name="decision" value="allow" data-testid="line-allow">${escapeHtml(strings.allow)}</button>
<button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(strings.cancel)}</button></form>`,
      }),
    );
  });

  app.post<{ Params: UidParams; Body: { email?: string; password?: string } }>('/ui/line/:uid/login', { preValidation: app.csrfProtection }, async (request, reply) => {
    await interactionDetails(provider, request, reply);
    const account = LINE_LIKE_ACCOUNTS.find((candidate) => candidate.email === String(request.body?.email ?? '').trim().toLowerCase());
    if (!account || !samePassword(String(request.body?.password ?? ''), account.password!)) {
      return reply.redirect(`${base(request.params.uid)}?error=credentials`, 303);
    }
    codes.create(request.params.uid, account.sub);
    return reply.redirect(`${base(request.params.uid)}/code`, 303);
  });

  // The PC's page: shows the number and refreshes until the phone confirms it.
  app.get<{ Params: UidParams }>('/ui/line/:uid/code', async (request, reply) => {
    const details = await interactionDetails(provider, request, reply);
    const { lang, strings } = screenLanguage(details, request);
    const pending = codes.get(request.params.uid);
    const page = (body: string, refresh?: number) =>
      reply.type('text/html; charset=utf-8').send(idpPage({ lang, strings, brand: 'line', title: strings.verifyTitle, body, ...(refresh ? { refreshSeconds: refresh } : {}) }));
    if (!pending) return page(`<p class="error" data-testid="line-code-error">${escapeHtml(strings.expired)}</p>`);
    if (pending.state === 'approved') {
      codes.consume(request.params.uid);
      // Password plus the phone's confirmation: two factors, as LINE reports with amr "mfa".
      return finishInteraction(provider, request, reply, { login: { accountId: pending.accountSub, amr: ['pwd', 'mfa'] } });
    }
    if (pending.state === 'locked') return page(`<p class="error" data-testid="line-code-error">${escapeHtml(strings.tooManyTries)}</p>`);
    if (pending.expired) return page(`<p class="error" data-testid="line-code-error">${escapeHtml(strings.expired)}</p>`);
    const seconds = Math.max(0, Math.round((pending.expiresAt - codes.now()) / 1000));
    return page(
      `<p>${escapeHtml(strings.verifyBody)}</p><p class="code" data-testid="line-code">${escapeHtml(pending.code)}</p>
<p class="muted">${escapeHtml(fill(strings.remaining, { seconds }))} · ${escapeHtml(strings.waiting)}</p>
<p><a href="/ui/line/phone?account=${encodeURIComponent(pending.accountSub)}&amp;lang=${lang}" target="_blank" rel="noopener" data-testid="line-open-phone">${escapeHtml(strings.openPhone)}</a></p>`,
      2,
    );
  });

  // "LINE on your phone": the demo phone is signed in to LINE as the account whose login waits for confirmation.
  app.get<{ Querystring: { account?: string; lang?: string; result?: string; left?: string } }>('/ui/line/phone', async (request, reply) => {
    const lang = pickIdpLang(request.query.lang, request.headers['accept-language']);
    const strings = idpStrings[lang];
    const account = findLineLike(String(request.query.account ?? ''));
    const messages: Record<string, string> = {
      approved: `<p data-testid="phone-result" data-result="approved">${escapeHtml(strings.phoneOk)}</p>`,
      wrong: `<p class="error" data-testid="phone-result" data-result="wrong">${escapeHtml(fill(strings.phoneWrong, { left: request.query.left ?? '0' }))}</p>`,
      locked: `<p class="error" data-testid="phone-result" data-result="locked">${escapeHtml(strings.tooManyTries)}</p>`,
      expired: `<p class="error" data-testid="phone-result" data-result="expired">${escapeHtml(strings.expired)}</p>`,
      none: `<p class="error" data-testid="phone-result" data-result="none">${escapeHtml(strings.phoneNothing)}</p>`,
    };
    const body = account
      ? `<p class="muted">${escapeHtml(fill(strings.phoneAccount, { name: account.name }))}</p><p>${escapeHtml(strings.phoneBody)}</p>
${messages[request.query.result ?? ''] ?? ''}
<form method="post" action="/ui/line/phone">${hiddenCsrf(reply.generateCsrf())}<input type="hidden" name="account" value="${escapeHtml(account.sub)}"><input type="hidden" name="lang" value="${lang}">
<label>${escapeHtml(strings.phoneCode)}<input type="text" name="code" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required data-testid="phone-code"></label>
<button type="submit" data-testid="phone-verify">${escapeHtml(strings.phoneVerify)}</button></form>`
      : `<p class="error">${escapeHtml(strings.phoneNothing)}</p>`;
    return reply.type('text/html; charset=utf-8').send(idpPage({ lang, strings, brand: 'line', title: strings.phoneTitle, body }));
  });

  app.post<{ Body: { account?: string; code?: string; lang?: string } }>(
    '/ui/line/phone',
    { preValidation: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: 60_000 } } },
    async (request, reply) => {
      const account = String(request.body?.account ?? '');
      const { result, triesLeft } = codes.submit(account, String(request.body?.code ?? '').trim());
      const lang = request.body?.lang === 'ja' ? 'ja' : 'en';
      return reply.redirect(`/ui/line/phone?account=${encodeURIComponent(account)}&lang=${lang}&result=${result}&left=${triesLeft}`, 303);
    },
  );

  app.post<{ Params: UidParams; Body: { decision?: string; friend?: string } }>('/ui/line/:uid/consent', { preValidation: app.csrfProtection }, async (request, reply) => {
    const details = await interactionDetails(provider, request, reply);
    if (request.body?.decision !== 'allow') {
      return finishInteraction(provider, request, reply, { error: 'access_denied', error_description: 'The user cancelled.' });
    }
    if (details.params.bot_prompt) friendChoices.set(details.session!.accountId, request.body?.friend === 'on');
    return finishInteraction(provider, request, reply, await grantConsent(provider, details));
  });
}
