import { el } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import type { Prediction, Screen } from '../../../server/dialogs/types.js';

export type { Prediction, Screen } from '../../../server/dialogs/types.js';

/**
 * An HTML/CSS reproduction of the OS or browser sheet, styled per owner (Windows, Chrome, Safari, Firefox, phone),
 * always labelled as a reproduction so nobody mistakes it for the real dialog.
 */
export function renderMockup(screen: Screen): HTMLElement {
  const lines = screen.body.split('\n');
  const isWindowsPrompt = screen.kind === 'windows-security-key';
  const figure = el('figure', { className: `mockup mockup--${screen.owner} mockup--${screen.kind}`, attrs: { 'data-kind': screen.kind, 'data-testid': 'dialog-mockup' } }, [
    el('div', { className: 'mockup__badge', text: t('mockup.badge') + (screen.paraphrase ? ' · ' + t('mockup.paraphrase') : '') }),
    el('div', { className: 'mockup__titlebar', text: screen.title }),
    el('div', { className: 'mockup__icon', attrs: { 'aria-hidden': 'true' }, text: iconFor(screen.kind) }),
    el('div', { className: 'mockup__body' }, lines.map((line, index) => el('p', { className: index === lines.length - 1 && isWindowsPrompt ? 'mockup__prompt' : '', text: line }))),
    screen.options.length ? el('ul', { className: 'mockup__options' }, screen.options.map((option) => el('li', { text: option }))) : null,
    screen.buttons.length ? el('div', { className: 'mockup__buttons' }, screen.buttons.map((label) => el('span', { className: 'mockup__button', text: label }))) : null,
    el('figcaption', { text: `${screen.kind} · ${t(`owners.${screen.owner}`)}` }),
  ]);
  return figure;
}

// Plain-text pictograms: they render with any font, unlike emoji.
function iconFor(kind: string): string {
  if (kind.includes('security-key')) return 'USB KEY';
  if (kind.includes('qr')) return 'QR';
  if (kind.includes('hello')) return 'HELLO';
  if (kind.includes('bluetooth')) return 'BLUETOOTH';
  if (kind === 'none-rejected' || kind === 'no-ui') return 'NO UI';
  if (kind === 'firefox-passkey-autofill') return 'AUTOFILL';
  if (kind === 'autofill') return 'AUTOFILL';
  return 'PASSKEY';
}

/** The whole explanation: the sheet, what follows it, why it appeared and the ways out. */
export function renderExplanation(prediction: Prediction): HTMLElement {
  const list = (items: string[], className = '') => el('ul', { className }, items.map((item) => el('li', { text: item })));
  return el('section', { className: 'explanation', attrs: { 'data-testid': 'explanation', 'data-kind': prediction.screen.kind } }, [
    el('h2', { text: t('explain.title') }),
    el('div', { className: 'mockups' }, [
      renderMockup(prediction.screen),
      ...prediction.then.map((next) => el('div', { className: 'then' }, [el('p', { className: 'then__after', text: `→ ${next.after ?? ''}` }), renderMockup(next)])),
    ]),
    el('h3', { text: t('explain.why') }),
    list(prediction.reasons, 'reasons'),
    el('h3', { text: t('explain.userRemedies') }),
    list(prediction.remedies.user, 'remedies-user'),
    el('details', {}, [
      el('summary', { text: t('explain.rpRemedies') }),
      list(prediction.remedies.relyingParty),
      el('h4', { text: t('explain.assumptions') }),
      list(prediction.assumptions.length ? prediction.assumptions : [t('explain.noAssumptions')]),
      el('h4', { text: t('explain.sources', { confidence: t(`confidence.${prediction.confidence}`), rule: prediction.rule }) }),
      list(prediction.sources, 'sources'),
      el('p', { className: 'era', text: prediction.era }),
    ]),
  ]);
}
