import type { Cell, Fix, Sheet } from '../../../../server/support/schemas.js';
import { LabApiError, post } from '../../lib/api.js';
import { el } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { describeSupportError } from '../../lib/support-i18n.js';
import { deviceName } from './matrix.js';

const sheetText = (sheet: Sheet) =>
  [
    t(`support.say.${sheet.kind}.see`, { defaultValue: sheet.kind }),
    ...sheet.options.map((option) => `• ${option}`),
  ].join('\n');

/**
 * "What to change": each fix with the devices it would change, and Apply (then the caller looks the account up again).
 * `askedAt`: when support asked the customer to add a passkey on their PC, while that waits for an answer.
 */
export function renderFixes(
  username: string,
  fixes: Fix[],
  cells: Cell[],
  afterApply: () => void,
  askedAt: number | null = null,
  when: (ms: number) => string = String,
): HTMLElement {
  const status = el('p', { className: 'status', attrs: { role: 'status', 'data-testid': 'fix-status' } });
  const devices = new Map(cells.map((cell) => [cell.device.id, cell.device]));
  const card = (fix: Fix) => {
    const apply = el('button', {
      text: t('support.fixes.apply'),
      attrs: { type: 'button', 'data-testid': 'fix-apply' },
    });
    apply.addEventListener('click', () => {
      apply.disabled = true;
      void post(`/api/support/accounts/${encodeURIComponent(username)}/fixes`, { fixId: fix.id })
        .then(afterApply)
        .catch((error: unknown) => {
          const gone = error instanceof LabApiError && error.code === 'fix_not_available';
          status.textContent = gone ? t('support.fixes.gone') : describeSupportError(error);
          // Pressing again may help after a passing problem; a fix that is gone stays off.
          apply.disabled = gone;
        });
    });
    return el('article', { className: 'card fix', attrs: { 'data-testid': 'fix', 'data-fix': fix.kind } }, [
      el('h3', { text: t(`support.fixes.${fix.kind}`, { label: fix.label ?? t('support.passkeys.unnamed') }) }),
      fix.effect.length
        ? el('div', {}, [
            el('p', { text: t('support.fixes.effect') }),
            el(
              'ul',
              { className: 'fix__effects' },
              fix.effect.map((change) => {
                const device = devices.get(change.device);
                return el('li', { attrs: { 'data-device': change.device } }, [
                  el('strong', { text: device ? deviceName(device) : change.device }),
                  el('div', { className: 'fix__compare' }, [
                    el('div', {}, [
                      el('em', { text: t('support.fixes.before') }),
                      el('p', { className: 'fix__sheet', text: sheetText(change.before) }),
                    ]),
                    el('div', {}, [
                      el('em', { text: t('support.fixes.after') }),
                      el('p', { className: 'fix__sheet', text: sheetText(change.after) }),
                    ]),
                  ]),
                ]);
              }),
            ),
          ])
        : el('p', { text: t('support.fixes.noEffect') }),
      el('div', { className: 'actions' }, [apply]),
    ]);
  };
  return el('section', { className: 'fixes', attrs: { 'data-testid': 'fixes' } }, [
    el('h2', { text: t('support.fixes.title') }),
    el('p', { className: 'lead', text: t('support.fixes.lead') }),
    ...(askedAt !== null
      ? [
          el('p', {
            className: 'card',
            text: t('support.fixes.asked', { time: when(askedAt) }),
            attrs: { 'data-testid': 'fix-asked' },
          }),
        ]
      : []),
    ...(fixes.length ? fixes.map(card) : [el('p', { text: t('support.fixes.none') })]),
    status,
  ]);
}
