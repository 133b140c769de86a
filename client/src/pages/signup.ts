import { startRegistration } from '@simplewebauthn/browser';
import { mountNav } from '../components/nav.js';
import { LabApiError, post } from '../lib/api.js';
import { collectClientInfo } from '../lib/client-info.js';
import { $, el, json, show } from '../lib/dom.js';
import { describeError } from '../lib/errors.js';
import { pageIsReady } from '../lib/ready.js';
import { t } from '../lib/i18n.js';
import type { RegistrationOptionsReply, RegistrationVerifyReply } from '../../../server/webauthn/schemas.js';

const status = $('#status');
const select = (id: string) => $<HTMLSelectElement>(`#${id}`);

/** The registration options were refused because the name already has an account. */
class UsernameTaken extends Error {}

function setStatus(text: string, tone: 'info' | 'error' | 'ok' = 'info') {
  status.textContent = text;
  status.dataset.tone = tone;
}

// Presets for the two things people register: a passkey (discoverable, any device) and a USB security key.
$('#preset-passkey').addEventListener('click', () => {
  select('authenticatorAttachment').value = '';
  select('residentKey').value = 'required';
  select('userVerification').value = 'preferred';
  $<HTMLInputElement>('#hints').value = '';
});
$('#preset-key').addEventListener('click', () => {
  select('authenticatorAttachment').value = 'cross-platform';
  select('residentKey').value = 'discouraged';
  select('userVerification').value = 'discouraged';
  $<HTMLInputElement>('#hints').value = 'security-key';
});

function requestBody() {
  const hints = $<HTMLInputElement>('#hints')
    .value.split(',')
    .map((hint) => hint.trim())
    .filter(Boolean);
  const attachment = select('authenticatorAttachment').value;
  const displayName = $<HTMLInputElement>('#displayName').value.trim();
  return {
    username: $<HTMLInputElement>('#username').value.trim(),
    ...(displayName ? { displayName } : {}),
    ...(attachment ? { authenticatorAttachment: attachment } : {}),
    residentKey: select('residentKey').value,
    userVerification: select('userVerification').value,
    attestation: select('attestation').value,
    ...(hints.length ? { hints } : {}),
  };
}

$('#signup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  show($('#result'), false);
  try {
    const client = await collectClientInfo();
    setStatus(t('signup.asking'));
    const { body: options } = await post<RegistrationOptionsReply>('/api/registration/options', requestBody()).catch(
      (error: unknown) => {
        // Signed out, the options are refused only for a name that has an account (server/webauthn/registration.ts,
        // docs/security.md): say that the name is in use and how its owner signs in, not just "sign in first".
        if (error instanceof LabApiError && error.code === 'sign_in_required') throw new UsernameTaken();
        throw error;
      },
    );
    $('#raw-options').textContent = json(options);
    setStatus(t('signup.waiting'));
    const response = await startRegistration({ optionsJSON: options });
    $('#raw-response').textContent = json(response);
    const label = $<HTMLInputElement>('#label').value.trim();
    const { body } = await post<RegistrationVerifyReply>('/api/registration/verify', {
      response,
      client,
      ...(label ? { label } : {}),
    });
    const facts: Record<string, unknown> = body.credential;
    $('#result-facts').replaceChildren(
      ...Object.entries(facts).flatMap(([key, value]) => [
        el('dt', { text: key }),
        el('dd', {
          text: value === null ? '—' : Array.isArray(value) ? value.join(', ') : String(value),
          attrs: { 'data-fact': key },
        }),
      ]),
    );
    show($('#result'));
    setStatus(t('signup.success'), 'ok');
    await mountNav();
  } catch (error) {
    setStatus(error instanceof UsernameTaken ? t('signup.usernameTaken') : describeError(error), 'error');
  }
});

const session = await mountNav();
if (session.user) $<HTMLInputElement>('#username').value = session.user.username;
pageIsReady();
