import { renderExplanation, type Prediction } from '../components/dialog-mockup.js';
import { mountNav } from '../components/nav.js';
import { get, post } from '../lib/api.js';
import { $, el, json, show } from '../lib/dom.js';
import { describeError } from '../lib/errors.js';
import { addStrings, lang, t } from '../lib/i18n.js';
import { pageIsReady } from '../lib/ready.js';
import type { AccountReply } from '../../../server/account/schemas.js';
import type { Comparison } from '../../../server/dialogs/best-practice.js';
import type { CredentialFacts } from '../../../server/dialogs/types.js';
import type { GalleryReply } from '../../../server/lab/schemas.js';

// The lab page's own words, only in the page's language (a chunk of their own): every other page is spared them.
addStrings(
  lang,
  (lang === 'ja'
    ? await import('../i18n/lab.ja.json', { with: { type: 'json' } })
    : await import('../i18n/lab.en.json', { with: { type: 'json' } })
  ).default,
);

// The predictor playground: describe an account and a PC, flip how the marketplace-style relying party builds its
// request, and compare it side by side with immediate UI mode and with best practice. The page only describes;
// the server predicts and decides best practice (POST /api/dialogs/compare). Every setting lives in the URL.

const form = $<HTMLFormElement>('#lab-form');

const PRESETS: Record<string, CredentialFacts> = {
  'phone-gpm': {
    id: 'phone-passkey',
    transports: ['hybrid', 'internal'],
    backupEligible: true,
    backedUp: true,
    aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
    location: 'phone',
  },
  'phone-icloud': {
    id: 'iphone-passkey',
    transports: ['hybrid', 'internal'],
    backupEligible: true,
    backedUp: true,
    aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
    location: 'phone',
  },
  'windows-hello': {
    id: 'hello-passkey',
    transports: ['internal'],
    aaguid: '08987058-cadc-4b81-b6e1-30de50dcbe96',
    location: 'this-device',
  },
  'security-key': { id: 'usb-key', transports: ['usb'], location: 'security-key' },
  onepassword: {
    id: '1password-passkey',
    transports: ['hybrid', 'internal'],
    backupEligible: true,
    backedUp: true,
    aaguid: 'bada5566-a7aa-401f-bd96-45619a55120d',
    location: 'other-computer',
  },
};

const PLUGINS: Record<string, string> = {
  'plugin-1password': '1Password',
  'plugin-bitwarden': 'Bitwarden',
  'plugin-microsoft': 'Microsoft Password Manager',
};

const STEP_LABELS = {
  immediate: 'lab.stepImmediate',
  conditional: 'lab.stepConditional',
  'own-page': 'lab.stepOwnPage',
  modal: 'lab.stepModal',
} as const;

function outcomeLine(prediction: Prediction): HTMLElement {
  const { settles, error } = prediction.outcome;
  return el('p', {
    className: 'outcome',
    attrs: { 'data-testid': 'outcome', 'data-settles': settles },
    text: `${t('lab.outcomeLabel')}: ${t(`lab.outcome.${settles}`, { error })}`,
  });
}

const explain = (prediction: Prediction) => [outcomeLine(prediction), renderExplanation(prediction)];

function settings(): URLSearchParams {
  const params = new URLSearchParams();
  for (const element of form.elements as unknown as Iterable<HTMLInputElement | HTMLSelectElement>) {
    if (!element.name) continue;
    if (element instanceof HTMLInputElement && element.type === 'checkbox')
      params.set(element.name, element.checked ? '1' : '0');
    else params.set(element.name, element.value);
  }
  return params;
}

function restore(params: URLSearchParams) {
  for (const element of form.elements as unknown as Iterable<HTMLInputElement | HTMLSelectElement>) {
    const value = params.get(element.name);
    if (value === null) continue;
    if (element instanceof HTMLInputElement && element.type === 'checkbox') element.checked = value === '1';
    else element.value = value;
  }
}

async function accountCredentials(choice: string, stored: string): Promise<CredentialFacts[]> {
  let credentials: CredentialFacts[];
  if (choice === 'mine') {
    try {
      const { body } = await get<AccountReply>('/api/account');
      credentials = body.credentials.map((c) => ({
        id: c.id,
        ...(c.transports ? { transports: c.transports } : {}),
        backupEligible: c.synced,
        backedUp: c.backedUp,
        aaguid: c.aaguid,
        location:
          c.attachment === 'cross-platform' && c.transports?.every((x) => ['usb', 'nfc', 'ble'].includes(x))
            ? 'security-key'
            : 'phone',
      }));
    } catch {
      credentials = [];
    }
  } else {
    credentials = [{ ...PRESETS[choice]! }];
  }
  // "What the RP stored": as reported, nothing (older RPs), or internal only (the Bitwarden bug).
  return credentials.map((credential) => {
    if (stored === 'none') {
      const { transports: _dropped, ...rest } = credential;
      return rest;
    }
    return stored === 'internal' ? { ...credential, transports: ['internal'] } : credential;
  });
}

function transportsSent(stored: string[] | undefined, mode: string): string[] | undefined {
  if (mode === 'omit') return undefined;
  if (mode === 'add-hybrid') return [...new Set([...(stored ?? []), 'hybrid'])];
  return stored;
}

async function update() {
  const params = settings();
  history.replaceState(null, '', `?${params}`);
  const link = $<HTMLAnchorElement>('#share-link');
  link.href = location.href;
  link.textContent = location.href;

  const credentials = await accountCredentials(params.get('account')!, params.get('stored')!);
  const synced = [
    params.get('gpm') === '1' ? 'google-password-manager' : '',
    params.get('icloud') === '1' ? 'icloud-keychain' : '',
  ].filter(Boolean);
  const os = params.get('os')!;
  const helloSetUp = params.get('hello') === '1';
  const client = {
    os,
    ...(params.get('osVersion') ? { osVersion: params.get('osVersion') } : {}),
    browser: params.get('browser'),
    browserVersion: Number(params.get('browserVersion')) || 150,
    bluetooth: params.get('bluetooth'),
    // On Windows the fact is "Windows Hello set up"; elsewhere, any platform authenticator (Touch ID, ...).
    ...(os === 'windows'
      ? { windowsHello: helloSetUp ? 'set-up' : 'not-set-up' }
      : { platformAuthenticator: helloSetUp }),
    syncedProviders: synced,
    gpmEnrolled: params.get('gpmEnrolled') === '1',
    incognito: params.get('incognito') === '1',
    userActivation: params.get('activation') !== '0',
    pluginProviders: Object.entries(PLUGINS)
      .filter(([name]) => params.get(name) === '1')
      .map(([, provider]) => provider),
  };
  const usernameless = params.get('usernameless') === '1';
  const hints = (params.get('hints') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const marketplace = {
    ...(usernameless
      ? {}
      : {
          allowCredentials: credentials.map((c) => ({
            id: c.id,
            ...(transportsSent(c.transports, params.get('transportsMode')!)
              ? { transports: transportsSent(c.transports, params.get('transportsMode')!) }
              : {}),
          })),
        }),
    userVerification: params.get('uv'),
    hints,
    mediation: params.get('mediation'),
    ...(params.get('uiMode') === '1' ? { uiMode: 'immediate' } : {}),
  };

  $('#marketplace-request').textContent = json(marketplace);
  try {
    const { body } = await post<Comparison>('/api/dialogs/compare', {
      credentials,
      client,
      marketplace,
      userVerification: params.get('uv'),
      locale: lang,
    });
    $('#immediate-request').textContent = json(body.immediate.request);
    $('#best-request').textContent = json(
      body.bestPractice.steps.filter((s) => s.request).map((s) => ({ [s.step]: s.request })),
    );
    $('#marketplace').replaceChildren(...explain(body.marketplace.prediction));
    $('#immediate').replaceChildren(...explain(body.immediate.prediction));
    $('#best').replaceChildren(
      el('p', {
        className: 'advice',
        attrs: { 'data-testid': 'lab-advice', 'data-advice': body.bestPractice.advice },
        text: `${t('lab.advice')}: ${t(body.bestPractice.advice === 'proceed' ? 'lab.adviceProceed' : 'lab.adviceFallback')}`,
      }),
      ...body.bestPractice.steps.flatMap((step) => [
        el('h3', { text: t(STEP_LABELS[step.step]), attrs: { 'data-step': step.step } }),
        ...(step.prediction ? explain(step.prediction) : []),
      ]),
    );
  } catch (error) {
    $('#marketplace').replaceChildren(el('p', { className: 'status', text: describeError(error) }));
  }
  await showGallery(params);
}

/**
 * Real sheets captured by `npm run gallery` (Linux, no Bluetooth; Chromium, and firefox-esr where it is installed),
 * whatever PC is described: the note says what they are; each picture opens full size and names the browser version
 * that drew it.
 */
async function showGallery(_params: URLSearchParams) {
  try {
    const { body } = await get<GalleryReply>('/api/gallery');
    $('#gallery-images').replaceChildren(
      ...body.shots.map((shot) =>
        el('figure', { attrs: { 'data-testid': 'gallery-shot' } }, [
          el(
            'a',
            {
              attrs: { href: `/gallery/${shot.file}`, target: '_blank', rel: 'noopener', title: t('lab.galleryOpen') },
            },
            [
              el('img', {
                attrs: {
                  src: `/gallery/${shot.file}`,
                  alt: `${shot.browser ?? body.chromium}: ${shot.variant} → ${shot.predicted}`,
                  loading: 'lazy',
                },
              }),
            ],
          ),
          el('figcaption', {
            text: `${shot.browser ?? body.chromium} — ${shot.variant} — ${t('lab.predicted')}: ${shot.predicted} — ${t(shot.titleMatches ? 'lab.agrees' : 'lab.differs')}`,
          }),
        ]),
      ),
    );
    show($('#gallery'), body.shots.length > 0);
  } catch {
    show($('#gallery'), false);
  }
}

await mountNav();
restore(new URLSearchParams(location.search));
form.addEventListener('change', () => void update());
form.addEventListener('input', () => void update());
await update();
pageIsReady();
