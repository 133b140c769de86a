import type { ProofedReply } from '../../../server/recovery/schemas.js';
import { mountNav } from '../components/nav.js';
import { post } from '../lib/api.js';
import { $, show } from '../lib/dom.js';
import { describeError } from '../lib/errors.js';
import { t } from '../lib/i18n.js';
import { pageIsReady } from '../lib/ready.js';

// Identity proofing: from a signed-out browser, ask for a code; it goes to the owner's other channel (in the lab, the
// terminal running the server); enter it here. The server never sends the code to this page.
const session = await mountNav();
const status = $('#status');
const askForm = $<HTMLFormElement>('#ask-code');
const codeForm = $<HTMLFormElement>('#enter-code');
const username = $<HTMLInputElement>('#proofing-username');

function setStatus(text: string, tone: 'info' | 'error' | 'ok') {
  status.textContent = text;
  status.dataset.tone = tone;
}

// A signed-in session (a fallback login included) cannot start proofing: it would be a way to escalate.
show($('#signed-in'), session.user !== null);
show(askForm, session.user === null);

$('#sign-out').addEventListener('click', async () => {
  await post('/api/session/logout');
  location.reload();
});

askForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await post('/api/recovery/code', { username: username.value.trim() });
    setStatus(t('lost.codeSent'), 'info');
    show(codeForm);
    $<HTMLInputElement>('#proofing-code').focus();
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
});

codeForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { body } = await post<ProofedReply>('/api/recovery/identity-proofing', {
      username: username.value.trim(),
      code: $<HTMLInputElement>('#proofing-code').value.trim(),
    });
    setStatus(t('lost.done', { sessions: body.revokedSessions, identities: body.identitiesToReconfirm }), 'ok');
    show(askForm, false);
    show(codeForm, false);
    show($('#register-new'));
    await mountNav();
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
});
pageIsReady();
