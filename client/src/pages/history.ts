import type { CeremoniesReply, StrangerAttempts } from '../../../server/account/schemas.js';
import { mountNav } from '../components/nav.js';
import { get } from '../lib/api.js';
import { $, el, json } from '../lib/dom.js';
import { formatDate } from '../lib/dates.js';
import { eventWords } from '../lib/events.js';
import { errorWords } from '../lib/error-words.js';
import { describeError } from '../lib/errors.js';
import { addStrings, lang, t } from '../lib/i18n.js';
import { pageIsReady } from '../lib/ready.js';
import { sheetWords } from '../lib/sheet-words.js';

// The predicted sheet in the support console's words ("What they see"), and what went wrong in past-tense sentences,
// in this page's language only: each a chunk of its own (the sheets' shared with the console, which loads both
// languages; the errors' this page's alone).
const [say, errors] = await Promise.all(
  lang === 'ja'
    ? [
        import('../i18n/support/say.ja.json', { with: { type: 'json' } }),
        import('../i18n/history-errors.ja.json', { with: { type: 'json' } }),
      ]
    : [
        import('../i18n/support/say.en.json', { with: { type: 'json' } }),
        import('../i18n/history-errors.en.json', { with: { type: 'json' } }),
      ],
);
addStrings(lang, say.default);
addStrings(lang, errors.default);

function showStrangerAttempts(rows: StrangerAttempts[]) {
  $('#strangers-none').hidden = rows.length > 0;
  $('#strangers-table').hidden = rows.length === 0;
  $('#stranger-rows').replaceChildren(
    ...rows.map((row) =>
      el('tr', { attrs: { 'data-outcome': row.outcome } }, [
        el('td', { text: row.day }),
        el('td', { text: t(`outcomes.${row.outcome}`) }),
        el('td', { text: String(row.attempts) }),
        el('td', { text: String(row.sources) }),
      ]),
    ),
  );
}

const session = await mountNav();
// Signed out, as /account does: straight to sign-in rather than an error on an empty table.
if (!session.user) location.assign('/login');
else await showHistory();
pageIsReady();

async function showHistory() {
  try {
    const { body } = await get<CeremoniesReply>('/api/account/ceremonies?limit=200');
    showStrangerAttempts(body.strangerAttempts);
    $('#rows').replaceChildren(
      ...body.ceremonies.map((entry) =>
        el('tr', { attrs: { 'data-kind': entry.kind, 'data-outcome': entry.outcome } }, [
          // data-label names the column when the row is drawn as a card (narrow screens, client/styles.css).
          el('td', { text: formatDate(entry.createdAt), attrs: { 'data-label': t('history.time') } }),
          // Plain words for the step; its code (registration.verify, ...) is in the row's details.
          el('td', { text: eventWords(entry.kind), attrs: { 'data-label': t('history.kind') } }),
          el('td', { text: t(`outcomes.${entry.outcome}`), attrs: { 'data-label': t('history.outcome') } }),
          // What went wrong in words; its code (NotAllowedError, verification_failed, ...) is in the row's details.
          el('td', { text: errorWords(entry.kind, entry.errorCode, t), attrs: { 'data-label': t('history.error') } }),
          // Plain words for the sheet; its code is in the row's details with the prediction.
          el('td', { text: sheetWords(entry.prediction, t), attrs: { 'data-label': t('history.predicted') } }),
          el('td', {}, [
            el('details', {}, [
              el('summary', { text: t('history.raw') }),
              el('pre', {
                text: json({
                  kind: entry.kind,
                  ...(entry.errorCode ? { errorCode: entry.errorCode } : {}),
                  options: entry.options,
                  response: entry.response,
                  client: entry.client,
                  detail: entry.detail,
                  prediction: entry.prediction,
                }),
                // Scrolls when long: reachable by keyboard (axe scrollable-region-focusable).
                attrs: { tabindex: '0' },
              }),
            ]),
          ]),
        ]),
      ),
    );
  } catch (error) {
    $('#status').textContent = describeError(error);
  }
}
