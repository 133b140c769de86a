import type { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { escapeHtml } from '../html.js';
import { fill } from '../idp/strings.js';
import { pageShell, pickLanguage } from '../plugins/pages.js';
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
    const lang = pickLanguage(request);
    const current = `${request.protocol}://${request.host}`;
    const url = phoneUrl(current, config.publicOrigins);
    const target = new URL(url);
    const problems = phoneProblems(target.origin, config.publicOrigins);
    // The page's own address may differ from the QR's (reached at an address the lab is not set up for): say so too.
    const currentProblems = phoneProblems(current, config.publicOrigins).filter((problem) => !problems.includes(problem));
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    return reply.type('text/html; charset=utf-8').send(pageShell('phone', phonePage({ lang, url, current, problems, currentProblems, qrSvg, config, rootCa }), lang));
  });

  // Anyone: the CA certificate is public by nature; a phone downloads it to trust the lab (DER, as phones expect).
  app.get('/phone/ca.crt', { schema: { hide: true }, config: { assurance: 'anyone' } }, async (_request, reply) => {
    if (!rootCa) throw new ApiError(404, 'no_local_ca', 'The lab is not serving a certificate from a local CA (npm run cert).');
    return reply.type('application/x-x509-ca-cert').header('content-disposition', 'attachment; filename="ca.crt"').send(rootCa.raw);
  });
}

function phonePage(input: {
  lang: 'ja' | 'en';
  url: string;
  current: string;
  problems: ReturnType<typeof phoneProblems>;
  currentProblems: ReturnType<typeof phoneProblems>;
  qrSvg: string;
  config: Config;
  rootCa?: X509Certificate;
}): string {
  const text = phoneStrings[input.lang];
  const origins = input.config.publicOrigins.join(', ');
  const reason = (origin: string) => (problem: keyof typeof text.problems) =>
    `<li data-problem="${problem}">${escapeHtml(fill(text.problems[problem], { host: new URL(origin).hostname, origins }))}</li>`;
  const all = [...input.problems.map(reason(new URL(input.url).origin)), ...input.currentProblems.map(reason(input.current))];
  const notice = all.length
    ? `<div class="card warning" data-testid="phone-cannot" role="alert"><h2>${escapeHtml(text.cannotTitle)}</h2>
<p>${escapeHtml(text.why)}</p><ul>${all.join('')}</ul>
<p>${escapeHtml(text.whatToDo)}</p><ul><li>${escapeHtml(text.todoHybrid)}</li><li>${escapeHtml(text.todoHttps)}</li></ul>
<p>${escapeHtml(text.guide)}</p></div>`
    : `<div class="card" data-testid="phone-ready"><h2>${escapeHtml(text.readyTitle)}</h2><ul>
<li>${escapeHtml(text.readyTrust)}</li><li>${escapeHtml(fill(text.readyResolve, { host: new URL(input.url).hostname }))}</li><li>${escapeHtml(text.readyNetwork)}</li></ul>
${input.rootCa ? `<p><a class="button secondary" href="/phone/ca.crt" data-testid="phone-ca">${escapeHtml(text.caDownload)}</a></p><p class="lead">${escapeHtml(fill(text.caNote, { fingerprint: input.rootCa.fingerprint256 }))}</p>` : ''}</div>`;
  return `<main>
    <h1>${escapeHtml(text.title)}</h1>
    <p class="lead">${escapeHtml(text.lead)}</p>
    <figure class="qr" data-testid="phone-qr" data-url="${escapeHtml(input.url)}">
      <div role="img" aria-label="${escapeHtml(fill(text.qrAlt, { url: input.url }))}">${input.qrSvg}</div>
      <figcaption><a href="${escapeHtml(input.url)}">${escapeHtml(input.url)}</a></figcaption></figure>
    ${notice}
    <details><summary>${escapeHtml(text.details)}</summary><ul>
      <li>${escapeHtml(fill(text.detailsOrigin, { origin: input.current }))}</li>
      <li>${escapeHtml(fill(text.detailsConfigured, { origins }))}</li>
      <li>${escapeHtml(fill(text.detailsRpId, { rpId: input.config.rpId }))}</li></ul></details>
  </main>
`;
}
