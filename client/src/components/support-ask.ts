import type { SupportAsksReply } from '../../../server/support/schemas.js';
import { get, post } from '../lib/api.js';
import { collectClientInfo } from '../lib/client-info.js';
import { el } from '../lib/dom.js';
import { describeError } from '../lib/errors.js';
import { addStrings, lang, t } from '../lib/i18n.js';
import { registerPasskeyHere } from '../lib/passkey-here.js';

/**
 * Support's "add a passkey on this PC" (issue 12 point 4), asked plainly at the first sign-in on a PC after staff set
 * it: add one here (the PC's own authenticator), or not now. Either answer clears the ask on the server and is audited.
 * A session that may not register yet (a fallback login) is told to confirm with its passkey first.
 * Resolves to whether the card is shown.
 */
export async function mountSupportAsk(
  before: Element,
  username: string,
  canRegister: boolean,
  afterAdd: () => Promise<void>,
): Promise<boolean> {
  // A page that cannot ask (signed out meanwhile, server busy) simply shows no card.
  const { body } = await get<SupportAsksReply>('/api/account/support-asks').catch(() => ({
    body: { addPasskeyHere: false },
  }));
  if (!body.addPasskeyHere) return false;
  // The card's own strings come only when support asked (rarely): not in every page's catalogue.
  const strings =
    lang === 'ja'
      ? await import('../i18n/support-ask.ja.json', { with: { type: 'json' } })
      : await import('../i18n/support-ask.en.json', { with: { type: 'json' } });
  addStrings(lang, strings.default);
  const status = el('p', { className: 'status', attrs: { role: 'status', 'data-testid': 'support-ask-status' } });
  const add = el('button', {
    text: t('account.registerHere'),
    attrs: { type: 'button', 'data-testid': 'support-ask-add' },
  });
  const decline = el('button', {
    className: 'secondary',
    text: t('account.supportAsk.decline'),
    attrs: { type: 'button', 'data-testid': 'support-ask-decline' },
  });
  const actions = el('div', { className: 'actions' }, [...(canRegister ? [add] : []), decline]);
  const say = (text: string, tone: 'ok' | 'error' | 'info') => {
    status.textContent = text;
    status.dataset.tone = tone;
  };
  before.before(
    el('section', { className: 'card', attrs: { 'data-testid': 'support-ask' } }, [
      el('h2', { text: t('account.supportAsk.title') }),
      el('p', { text: t('account.offerLocal') }),
      ...(canRegister
        ? []
        : [el('p', { text: t('account.supportAsk.stepUpFirst'), attrs: { 'data-testid': 'support-ask-step-up' } })]),
      actions,
      status,
    ]),
  );
  add.addEventListener('click', async () => {
    add.disabled = decline.disabled = true;
    say(t('signup.waiting'), 'info');
    try {
      await registerPasskeyHere(username, await collectClientInfo(), t('account.supportAsk.label'), 'asked');
      actions.remove();
      say(t('account.supportAsk.added'), 'ok');
      await afterAdd();
    } catch (error) {
      add.disabled = decline.disabled = false;
      say(describeError(error), 'error');
    }
  });
  decline.addEventListener('click', async () => {
    try {
      await post('/api/account/support-asks/add-passkey-here/decline');
      actions.remove();
      say(t('account.supportAsk.declined'), 'info');
    } catch (error) {
      say(describeError(error), 'error');
    }
  });
  return true;
}
