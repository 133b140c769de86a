import { mountNav } from '../components/nav.js';
import { post } from '../lib/api.js';
import { $ } from '../lib/dom.js';
import { describeError } from '../lib/errors.js';
import { t } from '../lib/i18n.js';

const session = await mountNav();
const status = $('#status');
const button = $<HTMLButtonElement>('#proofing');
button.disabled = !session.user;
if (!session.user) status.textContent = t('lost.signInFirst');

button.addEventListener('click', async () => {
  try {
    const { body } = await post('/api/recovery/identity-proofing');
    status.dataset.tone = 'ok';
    status.textContent = t('lost.done', { sessions: body.revokedSessions, identities: body.identitiesToReconfirm });
  } catch (error) {
    status.dataset.tone = 'error';
    status.textContent = describeError(error);
  }
});
