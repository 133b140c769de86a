import { generateKeyPairSync } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { DemoIdentity } from './accounts.js';
import type { MockClient } from '../mock-clients.js';
import { preferredLanguage } from '../plugins/language.js';
import { html, raw, type Html } from '../html.js';
import type { Lang } from '../i18n.js';
import { idpPage, idpProblemPage, problemKindOfOidcError } from './layout.js';
import { idpStrings, type IdpStrings } from './strings.js';
import { formPostPage, readBuiltInFormPost } from './form-post.js';
import { memoryAdapter } from './memory-adapter.js';

export interface MockIdentityProviderOptions {
  kind: 'google' | 'line';
  issuer: string;
  accounts: DemoIdentity[];
  client: MockClient;
  cookieKey: string;
  /** The lab's login page: the way back offered on an error page. */
  labLogin: string;
}

/**
 * A real OpenID Provider (oidc-provider, OpenID Certified) configured like the service it imitates:
 * authorization code only, PKCE S256 required for every client, exact redirect URIs, RFC 9207 `iss` in the
 * authorization response, short lifetimes, in-memory state. The LINE-like one signs ID tokens with HS256 and the
 * channel secret, as LINE web login does; the Google-like one with ES256.
 */
export function createMockIdentityProvider(options: MockIdentityProviderOptions): Provider {
  const { kind, client } = options;
  const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: kind === 'line' ? 'client_secret_post' : 'client_secret_basic',
        id_token_signed_response_alg: kind === 'line' ? 'HS256' : 'ES256',
      },
    ],
    jwks: { keys: [{ ...signing, kid: `${kind}-demo-1`, alg: 'ES256', use: 'sig' }] as never },
    enabledJWA: { idTokenSigningAlgValues: ['ES256', 'HS256'] },
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    scopes: ['openid', 'profile', 'email'],
    claims: { openid: ['sub', 'amr'], profile: ['name', 'picture'], email: ['email', 'email_verified'] },
    // LINE and Google put name/picture/email in the ID token itself.
    conformIdTokenClaims: false,
    extraParams: kind === 'line' ? ['bot_prompt', 'ui_locales'] : ['ui_locales'],
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: false },
      userinfo: { enabled: true },
      // Sign-out pages through the providers' own layout: oidc-provider's default ones are English only, without a
      // lang, with an inline style the CSP blocks.
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) =>
          renderPage(ctx, kind, (strings) => ({
            title: strings.signOutTitle,
            body: html`${raw(form)}
<button type="submit" form="op.logoutForm" value="yes" name="logout" data-testid="idp-sign-out">${strings.signOutYes}</button>
<button type="submit" form="op.logoutForm" class="secondary">${strings.signOutNo}</button>`,
          })),
        postLogoutSuccessSource: async (ctx) =>
          renderPage(ctx, kind, (strings) => ({
            title: strings.signedOutTitle,
            body: html`<p><a href="${options.labLogin}">${strings.errorBack}</a></p>`,
          })),
      },
    },
    interactions: { url: (_ctx, interaction) => `/ui/${kind}/${interaction.uid}` },
    cookies: {
      keys: [options.cookieKey],
      names: { session: `_${kind}_session`, interaction: `_${kind}_interaction`, resume: `_${kind}_resume` },
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: async (_ctx, id) => {
      const account = options.accounts.find((candidate) => candidate.sub === id);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: async () => ({
          sub: account.sub,
          name: account.name,
          picture: `${options.issuer}/avatar/${account.sub}.png`,
          ...(kind === 'google' ? { email: account.email, email_verified: true } : {}),
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      const lang = languageOf(ctx);
      ctx.body = idpProblemPage({
        lang,
        brand: kind,
        kind: problemKindOfOidcError(out.error),
        code: out.error,
        message: out.error_description ?? '',
        labLogin: options.labLogin,
      });
    },
  };
  const idp = new Provider(options.issuer, configuration);
  idp.proxy = false;
  // An address the provider does not have answers oidc-provider's JSON; a browser (asking for HTML first) gets the
  // providers' not-found page in its language instead. Programs (the lab's openid-client) keep the JSON.
  idp.use(async (ctx, next) => {
    await next();
    if (ctx.status !== 404 || ctx.accepts('json', 'html') !== 'html') return;
    ctx.type = 'html';
    ctx.body = idpProblemPage({
      // Unknown routes never reach oidc-provider's own context: languageOf reads only its optional parts.
      lang: languageOf(ctx as KoaContextWithOIDC),
      brand: kind,
      kind: 'not-found',
      code: 'not_found',
      message: `No page at ${ctx.path}.`,
      labLogin: options.labLogin,
    });
  });
  // oidc-provider's own auto-submitted form (form-post.ts), drawn again in the visitor's language.
  idp.use(async (ctx, next) => {
    const csp = ctx.response.get('Content-Security-Policy');
    await next();
    const form = readBuiltInFormPost(ctx.body);
    if (!form) return;
    // The hash of its inline script, which oidc-provider added to the CSP, is not needed by the page drawn here.
    if (csp) ctx.set('Content-Security-Policy', csp);
    ctx.body = formPostPage({
      lang: languageOf(ctx as KoaContextWithOIDC),
      brand: kind,
      // To oidc-provider's end_session_confirm (at whichever address the visitor used): a sign-out; else back to the
      // lab.
      signOut: new URL(form.action, options.issuer).pathname.endsWith('/session/end/confirm'),
      ...form,
    });
  });
  return idp;
}

/**
 * The language of a page oidc-provider renders itself: ui_locales when the request got that far, else the browser's.
 */
function languageOf(ctx: KoaContextWithOIDC): Lang {
  const uiLocales = (ctx.oidc?.params as { ui_locales?: unknown } | undefined)?.ui_locales;
  const fromQuery = typeof ctx.query.ui_locales === 'string' ? ctx.query.ui_locales : undefined;
  const asked = typeof uiLocales === 'string' ? uiLocales : fromQuery;
  return preferredLanguage(asked?.replaceAll(' ', ',')) ?? preferredLanguage(ctx.get('accept-language')) ?? 'en';
}

/** A page oidc-provider asks for, drawn with the providers' layout in the visitor's language. */
function renderPage(
  ctx: KoaContextWithOIDC,
  brand: 'google' | 'line',
  content: (strings: IdpStrings) => { title: string; body: Html },
) {
  const lang = languageOf(ctx);
  const strings = idpStrings[lang];
  ctx.type = 'html';
  ctx.body = idpPage({ lang, strings, brand, ...content(strings) });
}
