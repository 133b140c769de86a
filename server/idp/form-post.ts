import { html } from '../html.js';
import type { Lang } from '../i18n.js';
import { idpPage } from './layout.js';
import { idpStrings } from './strings.js';

/**
 * oidc-provider draws one page itself with no setting to replace it: the auto-submitted form of
 * lib/response_modes/form_post.js. It signs a browser out (end_session without a signed-in session; resume when a
 * login is for another account than the provider's session) or hands a form_post answer back. end_session and resume
 * import it directly and registerResponseMode keeps a built-in mode, so the page is read back and drawn again
 * (identity-provider.ts). Its markup is oidc-provider 8's; tests/api/idp-form-post.test.ts fails if that changes.
 */
const MARK = '<title>Submitting Callback</title>';
const FORM = /<form method="post" action="([^"]*)">/;
const INPUT = /<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g;

/** What the built-in page posts where, or undefined for any other body. */
export function readBuiltInFormPost(body: unknown): { action: string; inputs: [string, string][] } | undefined {
  if (typeof body !== 'string' || !body.includes(MARK)) return undefined;
  const action = FORM.exec(body)?.[1];
  if (action === undefined) return undefined;
  const inputs = [...body.matchAll(INPUT)].map(([, name, value]): [string, string] => [
    unescapeHtml(name!),
    unescapeHtml(value!),
  ]);
  return { action: unescapeHtml(action), inputs };
}

/** The reverse of oidc-provider's htmlSafe (helpers/html_safe.js); html`` escapes the values again. */
const unescapeHtml = (text: string) =>
  text
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&gt;', '>')
    .replaceAll('&lt;', '<')
    .replaceAll('&amp;', '&');

/** Sends the form as soon as the page is read; a file of the providers' own, as the CSP allows no inline script. */
export const FORM_POST_SCRIPT = `document.getElementById('continue-form').submit();\n`;

/** The same form in the providers' layout and the visitor's language; without JavaScript, a Continue button. */
export function formPostPage(options: {
  lang: Lang;
  brand: 'google' | 'line';
  signOut: boolean;
  action: string;
  inputs: [string, string][];
}): string {
  const strings = idpStrings[options.lang];
  return idpPage({
    lang: options.lang,
    strings,
    brand: options.brand,
    title: options.signOut ? strings.formPostSignOutTitle : strings.formPostReturnTitle,
    script: '/ui/form-post.js',
    body: html`<form id="continue-form" method="post" action="${options.action}" data-testid="idp-form-post">
${options.inputs.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<noscript><p>${strings.formPostNoScript}</p><button type="submit">${strings.continue}</button></noscript>
</form>`,
  });
}
