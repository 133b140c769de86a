import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { mountStaffHeader } from '../components/support/header.js';
import type { AuthenticationOptionsReply, RegistrationOptionsReply } from '../../../server/webauthn/schemas.js';
import { LabApiError, post } from '../lib/api.js';
import { $, show } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { describeError } from '../lib/errors.js';
import { loadStylesheet } from '../lib/support-i18n.js';
import { pageIsReady } from '../lib/ready.js';

// /staff/enroll#<token> (from an invitation link) and /staff/login: the two ways a browser becomes a staff session.
loadStylesheet('staff');
mountStaffHeader(null);
const status = $('#status');
const say = (text: string, tone: 'error' | 'ok' | '' = '') => {
  status.textContent = text;
  status.dataset.tone = tone;
};

function explain(error: unknown) {
  if (error instanceof LabApiError) {
    if (error.code === 'invite_not_valid') return say(t('support.staff.inviteNotValid'), 'error');
    if (error.code === 'not_a_staff_passkey') return say(t('support.staff.notStaff'), 'error');
    // The server's sentence is English for developers: the page says the code's words in its own language.
    return say(t('support.staff.failed', { message: describeError(error) }), 'error');
  }
  if ((error as { name?: string }).name === 'NotAllowedError') return say(t('support.staff.cancelled'), 'error');
  return say(t('support.staff.failed', { message: describeError(error) }), 'error');
}

async function finish() {
  say(t('support.staff.done'), 'ok');
  location.assign('/support');
}

if (location.pathname === '/staff/enroll') {
  show($('#enroll'));
  const token = location.hash.slice(1);
  if (!token) say(t('support.staff.noToken'), 'error');
  $('#enroll-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      try {
        say(t('support.staff.working'));
        const name = $<HTMLInputElement>('#staff-name').value;
        const { body: options } = await post<RegistrationOptionsReply>('/api/staff/enroll/options', { token, name });
        const response = await startRegistration({ optionsJSON: options });
        await post('/api/staff/enroll/verify', { response });
        // The token is spent: keep it out of the history and the address bar.
        history.replaceState(null, '', '/staff/enroll');
        await finish();
      } catch (error) {
        explain(error);
      }
    })();
  });
} else {
  show($('#login'));
  $('#login-button').addEventListener('click', () => {
    void (async () => {
      try {
        say(t('support.staff.working'));
        const { body: options } = await post<AuthenticationOptionsReply>('/api/staff/login/options', {});
        const response = await startAuthentication({ optionsJSON: options });
        await post('/api/staff/login/verify', { response });
        await finish();
      } catch (error) {
        explain(error);
      }
    })();
  });
}
pageIsReady();
