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
  // Screen readers hear the figure as a reproduction first, then its title (the badge is the sighted equivalent).
  const figure = el(
    'figure',
    {
      className: `mockup mockup--${screen.owner} mockup--${screen.kind}`,
      attrs: {
        'data-kind': screen.kind,
        'data-testid': 'dialog-mockup',
        'aria-label': t('mockup.describe', { title: screen.title, owner: t(`owners.${screen.owner}`) }),
      },
    },
    [
      el('div', {
        className: 'mockup__badge',
        text: t('mockup.badge') + (screen.paraphrase ? ' · ' + t('mockup.paraphrase') : ''),
      }),
      el('div', { className: 'mockup__titlebar', text: screen.title }),
      isWindowsPrompt
        ? securityKeyIllustration()
        : el('div', {
            className: 'mockup__icon',
            attrs: { 'aria-hidden': 'true' },
            text: t(`mockup.icons.${iconFor(screen.kind)}`),
          }),
      el(
        'div',
        { className: 'mockup__body' },
        lines.map((line, index) =>
          el('p', { className: index === lines.length - 1 && isWindowsPrompt ? 'mockup__prompt' : '', text: line }),
        ),
      ),
      screen.options.length
        ? el(
            'ul',
            { className: 'mockup__options' },
            screen.options.map((option) => el('li', { text: option })),
          )
        : null,
      screen.buttons.length
        ? el(
            'div',
            { className: 'mockup__buttons' },
            screen.buttons.map((label) => el('span', { className: 'mockup__button', text: label })),
          )
        : null,
      // Who draws the sheet, in words; its code (screen.kind) is the figure's data-kind, for developers and tests.
      el('figcaption', { text: t(`owners.${screen.owner}`) }),
    ],
  );
  return figure;
}

// Plain-text pictograms (translated in the catalogue): they render with any font, unlike emoji.
function iconFor(kind: string): string {
  if (kind.includes('security-key')) return 'securityKey';
  if (kind.includes('qr')) return 'qr';
  if (kind.includes('hello')) return 'hello';
  if (kind.includes('bluetooth')) return 'bluetooth';
  if (kind === 'none-rejected' || kind === 'no-ui') return 'noUi';
  if (kind === 'autofill' || kind === 'firefox-passkey-autofill') return 'autofill';
  return 'passkey';
}

/**
 * Windows Security's picture of a USB key going into a port, drawn as SVG through the DOM (the CSP allows no inline
 * style or markup strings); colours come from client/styles.css.
 */
function securityKeyIllustration(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const shape = (tag: string, attrs: Record<string, string>) => {
    const node = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return node;
  };
  const svg = shape('svg', {
    viewBox: '0 0 120 48',
    class: 'mockup__key',
    'aria-hidden': 'true',
    'data-testid': 'security-key-illustration',
  }) as SVGSVGElement;
  svg.append(
    shape('rect', { x: '4', y: '14', width: '26', height: '20', rx: '2', class: 'mockup__key-port' }),
    shape('rect', { x: '22', y: '18', width: '24', height: '12', rx: '1', class: 'mockup__key-plug' }),
    shape('rect', { x: '44', y: '10', width: '62', height: '28', rx: '8', class: 'mockup__key-body' }),
    shape('circle', { cx: '92', cy: '24', r: '6', class: 'mockup__key-touch' }),
    shape('circle', { cx: '92', cy: '24', r: '10', class: 'mockup__key-glow' }),
  );
  return svg;
}

/** The whole explanation: the sheet, what follows it, why it appeared and the ways out. */
export function renderExplanation(prediction: Prediction): HTMLElement {
  const list = (items: string[], className = '') =>
    el(
      'ul',
      { className },
      items.map((item) => el('li', { text: item })),
    );
  return el(
    'section',
    { className: 'explanation', attrs: { 'data-testid': 'explanation', 'data-kind': prediction.screen.kind } },
    [
      el('h2', { text: t('explain.title') }),
      el('div', { className: 'mockups' }, [
        renderMockup(prediction.screen),
        ...prediction.then.map((next) =>
          el('div', { className: 'then' }, [
            el('p', { className: 'then__after', text: `→ ${next.after ?? ''}` }),
            renderMockup(next),
          ]),
        ),
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
        el('h4', {
          text: t('explain.sources', { confidence: t(`confidence.${prediction.confidence}`), rule: prediction.rule }),
        }),
        list(prediction.sources, 'sources'),
        el('p', { className: 'era', text: prediction.era }),
      ]),
    ],
  );
}
