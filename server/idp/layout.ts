import { html, type Html } from '../html.js';
import type { Lang } from '../i18n.js';
import { idpStrings, type IdpStrings } from './strings.js';

/** A server-rendered page of a mock identity provider: its own stylesheet, the demo label always on top. */
export function idpPage(options: {
  lang: Lang;
  strings: IdpStrings;
  brand: 'google' | 'line';
  title: string;
  body: Html;
  /** A script of the providers' own (/ui/…): the one page that waits for the phone checks with it. */
  script?: string;
}): string {
  const script = options.script ? html`<script src="${options.script}" defer></script>` : '';
  // The label is in Japanese on every page, English pages add their own language after it. It sits in a <header> (a
  // banner landmark) so that all text is inside a landmark (axe region).
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${script}
<title>${options.title}</title>
<link rel="stylesheet" href="/ui/idp.css">
<link rel="icon" href="/ui/favicon.svg" type="image/svg+xml">
</head>
<body class="idp idp--${options.brand}">
<header><p class="demo-label" data-testid="demo-label">${options.lang === 'ja' ? '' : `${idpStrings.ja.demoShort} · `}${options.strings.demoLabel}</p></header>
<main class="idp-card">
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`.toString();
}

type ProblemKind =
  'expired' | 'too-many' | 'too-large' | 'not-found' | 'client' | 'denied' | 'sign-in-needed' | 'other';

/**
 * What an oidc-provider error code means for the visitor (its renderError): a Back into a finished login and an
 * expired one are both invalid_request; a request from an application or return address the provider does not know is
 * the lab's misconfiguration, not the visitor's.
 */
export function problemKindOfOidcError(code: string): ProblemKind {
  if (code === 'invalid_request' || code === 'invalid_grant') return 'expired';
  if (code === 'invalid_client' || code === 'invalid_redirect_uri' || code === 'unauthorized_client') return 'client';
  if (code === 'access_denied') return 'denied';
  if (code === 'login_required' || code === 'consent_required' || code === 'interaction_required') {
    return 'sign-in-needed';
  }
  return 'other';
}

/**
 * A refusal of a mock provider as a page in the visitor's language: what happened in plain words, the way back to the
 * lab, and the technical code behind a details toggle.
 */
export function idpProblemPage(options: {
  lang: Lang;
  brand: 'google' | 'line';
  kind: ProblemKind;
  code: string;
  message: string;
  labLogin: string;
}): string {
  const strings = idpStrings[options.lang];
  const words = {
    expired: strings.errorExpired,
    'too-many': strings.errorTooMany,
    'too-large': strings.errorTooLarge,
    'not-found': strings.errorNotFound,
    client: strings.errorClient,
    denied: strings.errorDenied,
    'sign-in-needed': strings.errorSignInNeeded,
    other: strings.errorOther,
  }[options.kind];
  return idpPage({
    lang: options.lang,
    strings,
    brand: options.brand,
    title: strings.errorTitle,
    body: html`<p class="error" data-testid="idp-error" data-kind="${options.kind}">${words}</p>
<p><a href="${options.labLogin}" data-testid="idp-back">${strings.errorBack}</a></p>
<details><summary>${strings.errorDetails}</summary><p><code>${options.code}</code>: ${options.message}</p></details>`,
  });
}

export const hiddenCsrf = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export const IDP_CSS = `
body.idp { margin: 0; font-family: system-ui, "Noto Sans CJK JP", sans-serif; background: #f1f3f4; color: #202124; }
.demo-label { margin: 0; padding: 0.4rem; text-align: center; background: #ffde59; color: #3b2f00; font-weight: 600; }
.idp-card { max-width: 420px; margin: 2.5rem auto; background: #fff; border: 1px solid #dadce0; border-radius: 10px; padding: 1.5rem 2rem; }
.idp--line .idp-card { border-top: 6px solid #06c755; }
.idp--google .idp-card { border-top: 6px solid #8ab4f8; }
h1 { font-size: 1.35rem; }
label { display: block; margin: 0.6rem 0; }
input[type=email], input[type=password], input[type=text] { width: 100%; box-sizing: border-box; font: inherit; padding: 0.5rem; border: 1px solid #dadce0; border-radius: 6px; }
button { font: inherit; padding: 0.5rem 1.2rem; border-radius: 6px; border: 1px solid #1a73e8; background: #1a73e8; color: #fff; cursor: pointer; margin: 0.3rem 0.3rem 0 0; }
.idp--line button { background: #047a36; border-color: #047a36; } /* LINE's green, darkened so white text reads (WCAG AA) */
button.secondary { background: #fff; color: #3c4043; border-color: #dadce0; }
ul.accounts { list-style: none; padding: 0; }
ul.accounts button { width: 100%; text-align: left; background: #fff; color: #202124; border-color: #dadce0; }
.code { font-size: 3rem; letter-spacing: 0.4em; font-weight: 700; text-align: center; margin: 1rem 0; }
.error { color: #b3261e; }
.muted { color: #5f6368; font-size: 0.9rem; }
`;

/**
 * The mock identity providers' tab icon: a yellow "demo" square, so their tabs are not mistaken for the real services.
 */
export const IDP_FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#ffde59"/><text x="16" y="22" font-family="sans-serif" font-size="14" font-weight="700" text-anchor="middle" fill="#3b2f00">ID</text></svg>';

/**
 * The LINE-like PC page waiting for the phone: asks every 2 s whether anything changed and only then loads the page
 * again (which finishes the login or says why not). A page that reloaded itself every 2 s (meta refresh) moved a
 * screen reader back to the top each time (WCAG 2.2.1, axe meta-refresh). Without script, the "continue" link does it.
 */
export const LINE_WAIT_SCRIPT = `
const check = async () => {
  try {
    const reply = await fetch(location.pathname + '/status', { credentials: 'same-origin', cache: 'no-store' });
    if (reply.ok && (await reply.json()).waiting === false) return location.reload();
  } catch {}
  setTimeout(check, 2000);
};
setTimeout(check, 2000);
`;
