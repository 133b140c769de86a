import type { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { html, raw, type Html } from '../html.js';
import { interpolate, type Lang } from '../i18n.js';
import { pageShell } from '../plugins/pages.js';
import { phoneProblems, phoneUrl } from './readiness.js';
import { phoneStrings } from './strings.js';

export interface PhoneRouteOptions {
  config: Config;
  /** The self-signed root of TLS_CERT's chain (npm run cert's CA), offered for download to phones. */
  rootCa?: X509Certificate;
}

/** "Open on your phone": a QR code of the lab's own address, and plainly why a phone cannot use it when it cannot. */
export async function phoneRoutes(app: FastifyInstance, opts: PhoneRouteOptions) {
  const { config, rootCa } = opts;

  // Anyone, signed in or not: the page shows only the lab's own address and settings a visitor already sees.
  app.get('/phone', { schema: { hide: true }, config: { assurance: 'anyone' } }, async (request, reply) => {
    const lang = request.lang;
    const current = `${request.protocol}://${request.host}`;
    const url = phoneUrl(current, config.publicOrigins);
    const target = new URL(url);
    const problems = phoneProblems(target.origin, config.publicOrigins);
    // The page's own address may differ from the QR's (reached at an address the lab is not set up for): say so too.
    const currentProblems = phoneProblems(current, config.publicOrigins).filter(
      (problem) => !problems.includes(problem),
    );
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    return reply
      .type('text/html; charset=utf-8')
      .send(
        pageShell('phone', phonePage({ lang, url, current, problems, currentProblems, qrSvg, config, rootCa }), lang, {
          needsScript: false,
        }),
      );
  });

  // Anyone: the CA certificate is public by nature; a phone downloads it to trust the lab (DER, as phones expect).
  app.get('/phone/ca.crt', { schema: { hide: true }, config: { assurance: 'anyone' } }, async (_request, reply) => {
    if (!rootCa)
      throw new ApiError(404, 'no_local_ca', 'The lab is not serving a certificate from a local CA (npm run cert).');
    return reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="ca.crt"')
      .send(rootCa.raw);
  });
}

function phonePage(input: {
  lang: Lang;
  url: string;
  current: string;
  problems: ReturnType<typeof phoneProblems>;
  currentProblems: ReturnType<typeof phoneProblems>;
  qrSvg: string;
  config: Config;
  rootCa?: X509Certificate;
}): Html {
  const text = phoneStrings[input.lang];
  const origins = input.config.publicOrigins.join(', ');
  const reason = (origin: string) => (problem: keyof typeof text.problems) =>
    html`<li data-problem="${problem}">${interpolate(text.problems[problem], { host: hostOf(origin), origins })}</li>`;
  const all = [
    ...input.problems.map(reason(new URL(input.url).origin)),
    ...input.currentProblems.map(reason(input.current)),
  ];
  const notice = all.length
    ? html`<div class="card warning" data-testid="phone-cannot" role="alert"><h2>${text.cannotTitle}</h2>
<p>${text.why}</p><ul>${all}</ul>
<p>${text.whatToDo}</p><ul><li>${text.todoHybrid}</li><li>${text.todoHttps}</li></ul>
<p>${text.guide}</p></div>`
    : html`<div class="card" data-testid="phone-ready"><h2>${text.readyTitle}</h2><ul>
<li>${text.readyTrust}</li><li>${interpolate(text.readyResolve, { host: new URL(input.url).hostname })}</li><li>${text.readyNetwork}</li></ul>
${input.rootCa ? html`<p><a class="button secondary" href="/phone/ca.crt" data-testid="phone-ca">${text.caDownload}</a></p><p class="lead">${interpolate(text.caNote, { fingerprint: input.rootCa.fingerprint256 })}</p>` : ''}</div>`;
  return html`<main>
    <h1>${text.title}</h1>
    <p class="lead">${text.lead}</p>
    <figure class="qr" data-testid="phone-qr" data-url="${input.url}">
      <div role="img" aria-label="${interpolate(text.qrAlt, { url: input.url })}">${raw(input.qrSvg)}</div>
      <figcaption><a href="${input.url}">${input.url}</a></figcaption></figure>
    ${notice}
    <details><summary>${text.details}</summary><ul>
      <li>${interpolate(text.detailsOrigin, { origin: input.current })}</li>
      <li>${interpolate(text.detailsConfigured, { origins })}</li>
      <li>${interpolate(text.detailsRpId, { rpId: input.config.rpId })}</li></ul></details>
  </main>
`;
}

/** The host name of an origin, or the text itself when the request's Host made no valid URL (it is still shown). */
function hostOf(origin: string) {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}
