import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { GOOGLE_LIKE_ACCOUNTS } from '../accounts.js';
import { finishInteraction, grantConsent, interactionDetails, screenLanguage } from '../interactions.js';
import { escapeHtml, hiddenCsrf, idpPage } from '../layout.js';
import { fill } from '../strings.js';

interface UidParams {
  uid: string;
}

/** Google-like screens: an account chooser, then a consent page. Labelled as demo copies; no real logos. */
export async function googleLikeScreens(app: FastifyInstance, opts: { provider: Provider; clientName: string }) {
  const { provider, clientName } = opts;

  app.get<{ Params: UidParams }>('/ui/google/:uid', async (request, reply) => {
    const details = await interactionDetails(provider, request, reply);
    const { lang, strings } = screenLanguage(details, request);
    const csrf = hiddenCsrf(reply.generateCsrf());
    const action = `/ui/google/${encodeURIComponent(request.params.uid)}`;
    if (details.prompt.name === 'login') {
      const accounts = GOOGLE_LIKE_ACCOUNTS.map(
        (account) =>
          `<li><form method="post" action="${action}/login">${csrf}<input type="hidden" name="sub" value="${escapeHtml(account.sub)}"><button type="submit" data-testid="google-account" data-email="${escapeHtml(account.email)}">${escapeHtml(account.name)}<br><span class="muted">${escapeHtml(account.email)}</span></button></form></li>`,
      ).join('');
      return reply.type('text/html; charset=utf-8').send(
        idpPage({ lang, strings, brand: 'google', title: strings.chooseAccount, body: `<p>${escapeHtml(fill(strings.toContinue, { client: clientName }))}</p><ul class="accounts">${accounts}</ul>` }),
      );
    }
    return reply.type('text/html; charset=utf-8').send(
      idpPage({
        lang,
        strings,
        brand: 'google',
        title: fill(strings.consentTitle, { client: clientName }),
        body: `<p>${escapeHtml(fill(strings.consentShares, { client: clientName }))}</p>
<form method="post" action="${action}/consent">${csrf}
<button type="submit" name="decision" value="allow" data-testid="google-continue">${escapeHtml(strings.continue)}</button>
<button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(strings.cancel)}</button></form>`,
      }),
    );
  });

  app.post<{ Params: UidParams; Body: { sub?: string } }>('/ui/google/:uid/login', { preValidation: app.csrfProtection }, async (request, reply) => {
    await interactionDetails(provider, request, reply);
    const account = GOOGLE_LIKE_ACCOUNTS.find((candidate) => candidate.sub === request.body?.sub);
    if (!account) return finishInteraction(provider, request, reply, { error: 'access_denied', error_description: 'unknown demo account' });
    return finishInteraction(provider, request, reply, { login: { accountId: account.sub, amr: ['pwd'] } });
  });

  app.post<{ Params: UidParams; Body: { decision?: string } }>('/ui/google/:uid/consent', { preValidation: app.csrfProtection }, async (request, reply) => {
    const details = await interactionDetails(provider, request, reply);
    if (request.body?.decision !== 'allow') {
      return finishInteraction(provider, request, reply, { error: 'access_denied', error_description: 'The user cancelled.' });
    }
    return finishInteraction(provider, request, reply, await grantConsent(provider, details));
  });
}
