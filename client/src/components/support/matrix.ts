import type { Cell, Device } from '../../../../server/support/schemas.js';
import { el } from '../../lib/dom.js';
import { lang, t } from '../../lib/i18n.js';
import { tIn } from '../../lib/support-i18n.js';
import { renderMockup } from '../dialog-mockup.js';

const LANG_NAME = { ja: '日本語', en: 'English' } as const;

/** "Windows 11 25H2 · Chrome · no Bluetooth · Windows Hello set up", in the page language. */
export function deviceName(device: Device): string {
  const client = device.client;
  const os =
    client.os === 'windows'
      ? t('support.devices.windows', { version: (client.osVersion ?? '11').replace('-', ' ').toUpperCase() })
      : t(`support.devices.${client.os}`);
  const parts = [os, t(`support.devices.${client.browser}`)];
  if (device.group === 'windows') {
    parts.push(client.bluetooth === 'absent' ? t('support.matrix.bluetoothAbsent') : t('support.matrix.bluetoothOn'));
    parts.push(device.hello ? t('support.matrix.helloYes') : t('support.matrix.helloNo'));
  }
  return parts.join(' · ');
}

/** What to say for one sheet: what they see, why, what to press; in one language. */
function script(kind: string, tr: (key: string) => string, heading: string): HTMLElement {
  const key = tr(`support.say.${kind}.see`) === `support.say.${kind}.see` ? 'other' : kind;
  return el('div', { className: 'say', attrs: { 'data-testid': 'say' } }, [
    el('h4', { text: heading }),
    el('dl', {}, [
      el('dt', { text: tr('support.matrix.see') }),
      el('dd', { text: tr(`support.say.${key}.see`) }),
      el('dt', { text: tr('support.matrix.why') }),
      el('dd', { text: tr(`support.say.${key}.why`) }),
      el('dt', { text: tr('support.matrix.press') }),
      el('dd', { text: tr(`support.say.${key}.press`) }),
    ]),
  ]);
}

function wordsToSay(cell: Cell, customerLang: 'ja' | 'en'): HTMLElement {
  const kind = cell.staff.screen.kind;
  const close = el('button', {
    className: 'secondary small',
    text: t('support.matrix.close'),
    attrs: { type: 'button' },
  });
  const panel = el(
    'section',
    { className: 'card words', attrs: { 'data-testid': 'words', 'data-device': cell.device.id } },
    [
      el('h3', { text: deviceName(cell.device) }),
      el('div', { className: 'words__mockups' }, [renderMockup(cell.customer.screen)]),
      // In the staff's language and, when the customer speaks another, separately in the customer's.
      el('div', { className: 'words__scripts' }, [
        customerLang === lang ? null : script(kind, t, t('support.matrix.forYou', { lang: LANG_NAME[lang] })),
        script(kind, tIn(customerLang), t('support.matrix.forCustomer', { lang: LANG_NAME[customerLang] })),
      ]),
      el('details', {}, [
        el('summary', { text: t('support.matrix.developer') }),
        el(
          'ul',
          {},
          [...cell.staff.reasons, ...cell.staff.remedies.user].map((line) => el('li', { text: line })),
        ),
        el('p', { text: `${cell.staff.rule} · ${cell.staff.confidence}` }),
      ]),
      el('div', { className: 'actions' }, [close]),
    ],
  );
  close.addEventListener('click', () => panel.remove());
  return panel;
}

/**
 * The grid of small mock-ups; pressing one opens the words to say under the grid. `confirmed`: the cell a self-check
 * matched; `verified` when it was sent from a browser signed in to this account.
 */
export function renderMatrix(
  cells: Cell[],
  customerLang: 'ja' | 'en',
  confirmed: { device: string | null; verified: boolean } | null = null,
): HTMLElement {
  const panelSlot = el('div', { attrs: { 'data-testid': 'words-slot' } });
  const group = (name: 'windows' | 'other') =>
    el(
      'div',
      { className: 'matrix__grid' },
      cells
        .filter((cell) => cell.device.group === name)
        .map((cell) => {
          const isConfirmed = confirmed !== null && cell.device.id === confirmed.device;
          const mark = confirmed?.verified ? 'verified' : 'unverified';
          const button = el(
            'button',
            {
              className: 'matrix__cell',
              attrs: {
                type: 'button',
                'data-testid': 'matrix-cell',
                'data-device': cell.device.id,
                'data-kind': cell.staff.screen.kind,
                ...(isConfirmed ? { 'data-confirmed': mark } : {}),
              },
            },
            [
              // The button's name is what it shows (no aria-label that hides it: WCAG 2.5.3), plus what it does.
              el('span', { className: 'matrix__device', text: deviceName(cell.device) }),
              el('span', { className: 'visually-hidden', text: ` — ${t('support.matrix.open')}` }),
              isConfirmed
                ? el('span', {
                    className: 'matrix__confirmed',
                    text: t(confirmed.verified ? 'support.lookup.confirmed' : 'support.lookup.callersPc'),
                  })
                : null,
              // A small picture of the sheet; the panel it opens says the same in words.
              el('span', { className: 'matrix__mockup', attrs: { 'aria-hidden': 'true' } }, [
                renderMockup(cell.staff.screen),
              ]),
            ],
          );
          button.addEventListener('click', () => {
            panelSlot.replaceChildren(wordsToSay(cell, customerLang));
            panelSlot.scrollIntoView({ block: 'nearest' });
          });
          return button;
        }),
    );
  return el('section', { className: 'matrix', attrs: { 'data-testid': 'matrix' } }, [
    el('h2', { text: t('support.matrix.title') }),
    el('p', { className: 'lead', text: t('support.matrix.lead') }),
    el('h3', { text: t('support.matrix.windows') }),
    group('windows'),
    el('h3', { text: t('support.matrix.other') }),
    group('other'),
    panelSlot,
  ]);
}
