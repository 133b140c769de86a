import { html, raw } from '../html.js';
import { interpolate, type Lang } from '../i18n.js';
import { linkStrings } from './strings.js';

/** The confirmation screen in front of every link and unlink: names the login service and the account. */
export function confirmationPage(input: {
  lang: Lang;
  /** The login service's id (google, line). */
  service: string;
  action: 'link' | 'unlink';
  username: string;
  csrfToken: string;
  needsStepUp: boolean;
  /** Why the server will refuse this unlink even at passkey assurance, said before the button is pressed. */
  refusal?: 'original_passkey_required' | 'last_sign_in_method' | 'nothing_to_unlink';
}) {
  const text = linkStrings[input.lang];
  const values = {
    service: (Object.hasOwn(text.services, input.service) ? text.services[input.service] : undefined) ?? input.service,
    username: input.username,
  };
  const fill = (template: string) => interpolate(template, values);
  const title = fill(input.action === 'link' ? text.linkTitle : text.unlinkTitle);
  // The form is always there (the server re-checks assurance on submit); without a step-up its button is disabled.
  const blocked = input.needsStepUp || input.refusal !== undefined;
  const body = html`${input.needsStepUp ? html`<p class="status" data-tone="error" data-testid="link-step-up">${text.stepUp}</p>` : ''}
${input.refusal ? html`<p class="status" data-tone="error" data-testid="link-refusal" data-code="${input.refusal}">${text[input.refusal]}</p>` : ''}
<p>${fill(input.action === 'link' ? text.linkBody : text.unlinkBody)}</p>
<form method="post" action="/link/${encodeURIComponent(input.service)}">
<input type="hidden" name="_csrf" value="${input.csrfToken}"><input type="hidden" name="action" value="${input.action}">
<button type="submit" data-testid="link-confirm"${blocked ? raw(' disabled') : ''}>${text.confirm}</button></form>`;
  return html`<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/assets/styles.css"></head>
<body><main><div class="card"><h1>${title}</h1>${body}<p><a href="/account">${text.back}</a></p></div></main></body></html>`.toString();
}
