import { browserSupportsWebAuthnAutofill, startAuthentication } from '@simplewebauthn/browser';
import type { SeedStoryReply } from '../../../server/lab/schemas.js';
import type {
  AuthenticationFailureReply,
  AuthenticationOptionsReply,
  AuthenticationVerifyReply,
} from '../../../server/webauthn/schemas.js';
import { renderExplanation } from '../components/dialog-mockup.js';
import { mountNav } from '../components/nav.js';
import { LabApiError, post } from '../lib/api.js';
import { collectClientInfo, type ClientInfo } from '../lib/client-info.js';
import { $, el, json, show } from '../lib/dom.js';
import { describeError, describeErrorCode, errorName } from '../lib/errors.js';
import { renderFallbacks } from '../lib/fallbacks.js';
import { immediateGet } from '../lib/immediate.js';
import { lang, t } from '../lib/i18n.js';
import { pageIsReady } from '../lib/ready.js';

// One login, from the button to the database: options (with the lab's knobs) → the browser's dialog →
// verify; on failure the page reports it and shows the dialog the user most likely saw, why, and the ways out.
// The server side of both requests: server/webauthn/authentication-routes.ts (the failure report: failure-route.ts).

const status = $('#status');
const rawOptions = $('#raw-options');
const rawResponse = $('#raw-response');
const explanation = $('#explanation');
const fallbacks = $('#fallbacks');
const advice = $('#advice');

async function clientInfo(): Promise<ClientInfo> {
  const info = { ...(await collectClientInfo()) };
  const bluetooth = $<HTMLSelectElement>('#declared-bluetooth').value;
  const osVersion = $<HTMLSelectElement>('#declared-os').value;
  if (bluetooth || osVersion) {
    info.declared = {
      ...(bluetooth ? { bluetooth: bluetooth as 'absent' | 'off' | 'on' } : {}),
      ...(osVersion ? { osVersion } : {}),
    };
  }
  return info;
}

function knobs() {
  const hints = [...document.querySelectorAll<HTMLInputElement>('input[name="hint"]:checked')].map(
    (input) => input.value,
  );
  return {
    strategy: $<HTMLSelectElement>('#strategy').value,
    transportsMode: $<HTMLSelectElement>('#transportsMode').value,
    userVerification: $<HTMLSelectElement>('#userVerification').value,
    ...(hints.length ? { hints } : {}),
  };
}

function setStatus(text: string, tone: 'info' | 'error' | 'ok' = 'info') {
  status.textContent = text;
  status.dataset.tone = tone;
}

async function finish(response: unknown, client: ClientInfo) {
  rawResponse.textContent = json(response);
  const verified = await post<AuthenticationVerifyReply>('/api/authentication/verify', { response, client });
  setStatus(t('login.success', { username: verified.body.user.username }), 'ok');
  location.assign('/account');
}

async function explainFailure(error: unknown, challenge: string | undefined, client: ClientInfo, startedAt: number) {
  rawResponse.textContent = `${errorName(error)}: ${(error as Error)?.message ?? ''}`;
  setStatus(describeError(error), 'error');
  const name = errorName(error);
  if (
    !['NotAllowedError', 'AbortError', 'TimeoutError', 'InvalidStateError', 'SecurityError', 'UnknownError'].includes(
      name,
    )
  )
    return;
  try {
    const reply = await post<AuthenticationFailureReply>('/api/authentication/failure', {
      name,
      message: String((error as Error)?.message ?? '').slice(0, 1000),
      ...(challenge ? { challenge } : {}),
      elapsedMs: Math.min(Date.now() - startedAt, 3_600_000),
      client,
      locale: lang,
    });
    explanation.replaceChildren(renderExplanation(reply.body.prediction));
  } catch (reportError) {
    setStatus(describeError(reportError), 'error');
  }
  show(fallbacks);
}

let pendingPasskeyAnyway: (() => void) | undefined;

async function modalLogin(username: string | undefined, request: Record<string, unknown> = knobs()) {
  explanation.replaceChildren();
  show(advice, false);
  const client = await clientInfo();
  const startedAt = Date.now();
  let challenge: string | undefined;
  try {
    setStatus(t('login.asking'));
    const { body: options, headers } = await post<AuthenticationOptionsReply>('/api/authentication/options', {
      ...(username ? { username } : {}),
      ...request,
      client,
    });
    challenge = options.challenge;
    rawOptions.textContent = json(options);
    const run = async () => {
      try {
        setStatus(t('login.waiting'));
        const response = await startAuthentication({ optionsJSON: options });
        await finish(response, client);
      } catch (error) {
        await explainFailure(error, challenge, client, startedAt);
      }
    };
    // Best practice: when the predicted sheet is a dead end (no phone route), lead with the fallbacks.
    if (headers.get('x-lab-advice') === 'offer-fallback-first') {
      show(advice);
      show(fallbacks);
      setStatus(t('login.adviceStatus'));
      pendingPasskeyAnyway = () => void run();
      return;
    }
    await run();
  } catch (error) {
    await explainFailure(error, challenge, client, startedAt);
  }
}

// The capabilities the best-practice path reads; every other boolean the browser reports is recorded as well.
const CAPABILITIES = [
  'immediateGet',
  'conditionalGet',
  'conditionalCreate',
  'hybridTransport',
  'passkeyPlatformAuthenticator',
  'signalUnknownCredential',
  'signalAllAcceptedCredentials',
  'signalCurrentUserDetails',
];

async function showCapabilities() {
  const capabilities = (await collectClientInfo()).capabilities;
  const list = $('#capability-list');
  if (!capabilities) {
    list.replaceChildren(el('li', { text: t('login.noCapabilities') }));
    return;
  }
  list.replaceChildren(
    ...CAPABILITIES.map((name) => {
      const value = capabilities[name];
      return el('li', {
        text: `${name}: ${value === undefined ? t('login.capabilityUnknown') : value ? '✓' : '✗'}`,
        attrs: { 'data-capability': name, 'data-value': String(value ?? 'unknown') },
      });
    }),
  );
}

/** The lab's own sign-in choices, shown instead of an OS dialog that could not help. */
function showChoices(why: string) {
  $('#choices-why').textContent = why;
  show($('#choices'));
}

/**
 * The best-practice button (issue 16 point 3): where the browser reports immediateGet, ask in immediate UI mode,
 * which either signs in with a passkey this device already knows or says "none" without drawing anything; then the
 * page offers its own choices (a phone passkey, LINE, Google) instead of an OS dialog. Elsewhere immediate mode would
 * be ignored and the browser would draw its modal sheet, so the page relies on autofill (conditional UI) and its
 * choices.
 */
async function bestPracticeSignIn() {
  explanation.replaceChildren();
  show(advice, false);
  const client = await clientInfo();
  if (client.capabilities?.immediateGet !== true) {
    $('#path').textContent = t('login.pathAutofill');
    showChoices(
      t(client.capabilities?.conditionalGet || client.conditionalMediation ? 'login.useAutofill' : 'login.chooseBelow'),
    );
    if (client.capabilities?.conditionalGet || client.conditionalMediation) $<HTMLInputElement>('#username').focus();
    setStatus('');
    return;
  }
  $('#path').textContent = t('login.pathImmediate');
  try {
    setStatus(t('login.asking'));
    const { body: options } = await post<AuthenticationOptionsReply>('/api/authentication/options', {
      strategy: 'best-practice',
      uiMode: 'immediate',
      client,
    });
    rawOptions.textContent = json({ ...options, uiMode: 'immediate' });
    setStatus(t('login.immediateWaiting'));
    const response = await immediateGet(options);
    try {
      await finish(response, client);
    } catch (error) {
      // The device offered a passkey the lab no longer has (deleted elsewhere): tell the browser to forget it.
      if (error instanceof LabApiError && error.code === 'unknown_credential')
        await forgetUnknown(options.rpId, response.id);
      throw error;
    }
  } catch (error) {
    rawResponse.textContent = `${errorName(error)} (immediate): ${(error as Error)?.message ?? ''}`;
    if (errorName(error) === 'NotAllowedError') {
      setStatus(t('login.noPasskeyHere'));
      showChoices(t('login.immediateNone'));
    } else {
      setStatus(describeError(error), 'error');
      showChoices(t('login.chooseBelow'));
    }
    // Immediate mode ended the pending autofill request; start it again so the username field still offers passkeys.
    void conditionalLogin();
  }
}

/** signalUnknownCredential where the browser has it; what was sent is shown in the raw view (no account to record it on). */
async function forgetUnknown(rpId: string | undefined, credentialId: string) {
  const signal = (
    globalThis.PublicKeyCredential as unknown as { signalUnknownCredential?: (payload: object) => Promise<void> }
  ).signalUnknownCredential;
  if (!rpId || typeof signal !== 'function') return;
  const sent = { rpId, credentialId };
  try {
    await signal.call(PublicKeyCredential, sent);
    $('#signal-note').textContent = t('login.signalledUnknown', { sent: JSON.stringify(sent) });
  } catch {
    // fire and forget: the sign-in error below is what the person needs to read
  }
}

async function conditionalLogin() {
  // ?autofill=off turns conditional UI off, to try the modal request on its own.
  if (new URLSearchParams(location.search).get('autofill') === 'off') return;
  if (!(await browserSupportsWebAuthnAutofill())) return;
  const client = await clientInfo();
  try {
    const { body: options } = await post<AuthenticationOptionsReply>('/api/authentication/options', {
      strategy: 'best-practice',
      client,
    });
    const response = await startAuthentication({ optionsJSON: options, useBrowserAutofill: true });
    await finish(response, client);
  } catch (error) {
    // Autofill requests are aborted whenever a modal login starts; only other errors are worth showing.
    if (errorName(error) !== 'AbortError')
      rawResponse.textContent = `${errorName(error)} (autofill): ${(error as Error)?.message ?? ''}`;
  }
}

await mountNav();
await renderFallbacks($('#fallback-buttons'));
await renderFallbacks($('#choice-fallbacks'), 'choice-');
void showCapabilities();
$('#signin-button').addEventListener('click', () => void bestPracticeSignIn());
// A passkey on a phone: the usernameless request with the hybrid hint, so Chrome leads with its QR code.
$('#choice-phone').addEventListener(
  'click',
  () => void modalLogin(undefined, { strategy: 'best-practice', hints: ['hybrid'] }),
);
$('#login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const username = $<HTMLInputElement>('#username').value.trim();
  if (!username) {
    setStatus(t('login.needUsername'), 'error');
    return;
  }
  void modalLogin(username);
});
$('#usernameless-button').addEventListener('click', () => void modalLogin(undefined));
// The story, ready to replay on any computer: the seeded account and the marketplace's request, explained as on a
// Windows 10 PC without Bluetooth (the facts a page cannot detect). Kept for this tab, so it survives the fallback
// round trips, until "Stop replaying".
const STORY_KEY = 'lab.replay-story';
function storyMode(on: boolean, username = '') {
  $<HTMLInputElement>('#username').value = username;
  $<HTMLSelectElement>('#strategy').value = 'marketplace';
  $<HTMLSelectElement>('#transportsMode').value = on ? 'omit' : 'stored';
  $<HTMLSelectElement>('#declared-os').value = on ? '10' : '';
  $<HTMLSelectElement>('#declared-bluetooth').value = on ? 'absent' : '';
  for (const id of ['#story-facts', '#story-next', '#story-stop']) show($(id), on);
  if (on) sessionStorage.setItem(STORY_KEY, username);
  else sessionStorage.removeItem(STORY_KEY);
}
$('#story-button').addEventListener('click', async () => {
  try {
    const { body } = await post<SeedStoryReply>('/api/lab/seed-story');
    storyMode(true, body.username);
    setStatus('');
    // The next click is "Log in with a passkey": bring it into view.
    $('#login-button').focus();
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
});
$('#story-stop').addEventListener('click', () => storyMode(false));
const replaying = sessionStorage.getItem(STORY_KEY);
if (replaying) storyMode(true, replaying);
$('#try-anyway').addEventListener('click', () => {
  show(advice, false);
  pendingPasskeyAnyway?.();
});
const query = new URLSearchParams(location.search);
if (query.has('error')) setStatus(describeErrorCode(query.get('error')), 'error');
// Just signed out: autofill waits for the person to click the username field. Started at once, a browser that
// picks the only passkey by itself (a virtual authenticator, some password managers) would sign straight back in.
const form = $('#login-form');
if (query.has('signed-out')) {
  setStatus(t('login.signedOut'), 'ok');
  form.dataset.autofill = 'after-focus';
  $('#username').addEventListener(
    'focus',
    () => {
      form.dataset.autofill = 'started';
      void conditionalLogin();
    },
    { once: true },
  );
} else {
  form.dataset.autofill = 'started';
  void conditionalLogin();
}
pageIsReady();
