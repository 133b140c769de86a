import type { ClientFacts } from '../../../server/dialogs/types.js';
import type { SessionReply } from '../../../server/session/schemas.js';
import type { CheckFacts } from '../../../server/support/check-facts.js';
import type { CheckCodeSentReply, CheckPredictReply } from '../../../server/support/schemas.js';
import { renderMockup } from '../components/dialog-mockup.js';
import { mountStaffHeader } from '../components/support/header.js';
import { bluetoothPicture, helloPicture } from '../components/support/pictures.js';
import { get, post } from '../lib/api.js';
import { collectClientInfo } from '../lib/client-info.js';
import { $, el, show } from '../lib/dom.js';
import { lang, t } from '../lib/i18n.js';
import { describeError } from '../lib/errors.js';
import { loadStylesheet } from '../lib/support-i18n.js';
import { pageIsReady } from '../lib/ready.js';

// The customer self-check (issue 12 points 5-7): what this browser can tell, two questions for what it cannot, the
// sheet this PC will most likely show, and (with consent) a code for support. Nothing about passkeys is read or sent.
loadStylesheet('check');
mountStaffHeader(null, 'app.title');
document.title = t('support.check.title');
const status = $('#status');

const client = await collectClientInfo();
// Known after the server has read the detected facts (below); until then no question has been asked.
let isWindows = false;
let isDesktop = false;
let bluetoothUnknown = false;
const facts = (): CheckFacts => ({
  client,
  secureContext: window.isSecureContext,
  cookies: navigator.cookieEnabled,
  answers: {
    ...(isDesktop && bluetoothUnknown ? { bluetooth: radio('bluetooth') as 'present' | 'absent' | 'unknown' } : {}),
    ...(isWindows ? { windowsHello: radio('hello') as 'set-up' | 'not-set-up' | 'unknown' } : {}),
  },
});
const radio = (name: string) =>
  document.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value ?? 'unknown';
const yesNo = (value: boolean | undefined) =>
  value === undefined ? t('support.check.unknown') : value ? t('support.check.yes') : t('support.check.no');

// The server reads the same facts the predictor uses (UA, client hints, capabilities) and says what they mean.
const { body: seen } = await post<CheckPredictReply>('/api/check/predict', { facts: facts() });
isWindows = seen.device.os === 'windows';
isDesktop = !['android', 'ios'].includes(seen.device.os);
bluetoothUnknown = seen.device.bluetooth === undefined;

function osName(device: ClientFacts) {
  if (device.os === 'windows')
    return device.osVersion
      ? t('support.devices.windows', { version: device.osVersion.replace('-', ' ').toUpperCase() })
      : `Windows (${t('support.check.unknownVersion')})`;
  return t(`support.devices.${device.os}`, { defaultValue: device.os });
}
const fact = (label: string, value: string) =>
  el('div', { className: 'fact' }, [el('dt', { text: label }), el('dd', { text: value })]);
$('#found').replaceChildren(
  fact(t('support.check.computer'), osName(seen.device)),
  fact(
    t('support.check.browser'),
    `${t(`support.devices.${seen.device.browser}`, { defaultValue: seen.device.browser })} ${seen.device.browserVersion ?? ''}`.trim(),
  ),
  fact(t('support.check.lock'), yesNo(client.uvpaa)),
  fact(t('support.check.suggest'), yesNo(client.conditionalMediation)),
  fact(t('support.check.secure'), yesNo(window.isSecureContext)),
  fact(t('support.check.cookies'), yesNo(navigator.cookieEnabled)),
  ...(isDesktop
    ? [
        fact(
          t('support.check.bluetooth'),
          bluetoothUnknown
            ? t('support.check.unknown')
            : seen.device.bluetooth === 'absent'
              ? t('support.check.bluetoothNone')
              : t('support.check.yes'),
        ),
      ]
    : []),
);
// Ask only what the browser could not tell; never guess silently.
show($('#q-bluetooth'), isDesktop && bluetoothUnknown);
show($('#q-hello'), isWindows);
show($('#questions'), (isDesktop && bluetoothUnknown) || isWindows);
$('[data-picture=bluetooth]').append(bluetoothPicture(t('support.check.bluetooth')));
$('[data-picture=hello]').append(helloPicture('Windows Hello'));
const showRaw = () => ($('#raw').textContent = JSON.stringify(facts(), null, 2));
showRaw();
document.querySelectorAll('input[type=radio]').forEach((input) => input.addEventListener('change', showRaw));

$('#predict-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const username = $<HTMLInputElement>('#check-username').value.trim();
  void post<CheckPredictReply>('/api/check/predict', { facts: facts(), ...(username ? { username } : {}) })
    .then(({ body }) => {
      const kind = body.screen.kind;
      const key = t(`support.say.${kind}.see`) === `support.say.${kind}.see` ? 'other' : kind;
      $('#prediction').replaceChildren(
        el('h2', { text: t('support.check.prediction') }),
        renderMockup(body.screen),
        el('h3', { text: t('support.check.steps') }),
        el('ol', { className: 'steps', attrs: { 'data-testid': 'steps', 'data-kind': kind } }, [
          el('li', { text: t(`support.say.${key}.see`) }),
          el('li', { text: t(`support.say.${key}.why`) }),
          el('li', { text: t(`support.say.${key}.press`) }),
        ]),
      );
    })
    .catch((error: unknown) => (status.textContent = t('support.check.failed', { message: describeError(error) })));
});

// Sent while signed in, a check is filed under that account; a typed name is only a claim (docs/decisions.md).
const { body: session } = await get<SessionReply>('/api/session');
if (session.user)
  $('#code').before(
    el('p', {
      text: t('support.check.signedInAs', { name: session.user.username }),
      attrs: { 'data-testid': 'check-signed-in-as' },
    }),
  );

const consent = $<HTMLInputElement>('#consent');
const send = $<HTMLButtonElement>('#send');
consent.addEventListener('change', () => (send.disabled = !consent.checked));
// Ticked before this listener (a browser restoring the form on reload): the button follows the box all the same.
send.disabled = !consent.checked;
send.addEventListener('click', () => {
  const username = $<HTMLInputElement>('#check-username').value.trim();
  void post<CheckCodeSentReply>('/api/check/codes', {
    facts: facts(),
    consent: true,
    ...(username ? { username } : {}),
  })
    .then(({ body }) => {
      $('#code').replaceChildren(
        el('span', { text: t('support.check.code') + ' ' }),
        el('strong', { className: 'code__value', text: body.code, attrs: { 'data-testid': 'code-value' } }),
        el('span', {
          text: ` (${t('support.check.codeValid', { time: new Date(body.expiresAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB') })})`,
        }),
      );
    })
    .catch((error: unknown) => (status.textContent = t('support.check.failed', { message: describeError(error) })));
});
pageIsReady();
