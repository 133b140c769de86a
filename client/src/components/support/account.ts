import type { AccountView } from '../../../../server/support/schemas.js';
import { el } from '../../lib/dom.js';
import { lang, t } from '../../lib/i18n.js';
import { eventWords } from '../../lib/events.js';

const when = (ms: number) => new Date(ms).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
const fact = (label: string, value: string) =>
  el('div', { className: 'fact' }, [el('dt', { text: label }), el('dd', { text: value })]);

function passkeyCard(passkey: AccountView['passkeys'][number]): HTMLElement {
  const transports = passkey.transports?.length
    ? passkey.transports.map((name) => t(`support.transport.${name}`, { defaultValue: name })).join(', ')
    : t('support.passkeys.noTransports');
  const lastUsed = passkey.lastUsed
    ? [
        when(passkey.lastUsed.at),
        passkey.lastUsed.device ? t('support.timeline.from', { device: passkey.lastUsed.device }) : '',
        passkey.lastUsed.viaPhone ? t('support.passkeys.viaPhone') : '',
      ]
        .filter(Boolean)
        .join(' ')
    : t('support.passkeys.never');
  return el('article', { className: 'passkey card', attrs: { 'data-testid': 'passkey', 'data-home': passkey.home } }, [
    el('h3', { text: passkey.label ?? t('support.passkeys.unnamed') }),
    el('dl', { className: 'facts' }, [
      fact(t('support.passkeys.provider'), passkey.provider ?? t('support.passkeys.unknownProvider')),
      fact('', passkey.synced ? t('support.passkeys.synced') : t('support.passkeys.deviceBound')),
      fact(t('support.passkeys.home'), t(`support.home.${passkey.home}`)),
      fact(t('support.passkeys.registeredWith'), passkey.registeredWith ?? '—'),
      fact(t('support.passkeys.lastUsed'), lastUsed),
      fact(t('support.passkeys.transports'), transports),
    ]),
    el('h4', { text: t('support.health.title') }),
    el(
      'ul',
      { className: 'health', attrs: { 'data-testid': 'health' } },
      passkey.health.length
        ? passkey.health.map((finding) => el('li', { text: t(`support.health.${finding}`) }))
        : [el('li', { className: 'ok', text: t('support.health.ok') })],
    ),
    el('details', {}, [
      el('summary', { text: t('support.matrix.developer') }),
      el('pre', {
        text: JSON.stringify(
          {
            transports: passkey.transports,
            attachment: passkey.attachment,
            providerKind: passkey.providerKind,
            health: passkey.health,
          },
          null,
          2,
        ),
        attrs: { tabindex: '0' },
      }),
    ]),
  ]);
}

/** The customer's account in plain words: passkeys, linked logins, the sign-in history. */
export function renderAccount(view: AccountView): HTMLElement {
  const own = view.timeline.own;
  return el('section', { className: 'account-view', attrs: { 'data-testid': 'account-view' } }, [
    el('h2', { text: t('support.account.title', { username: view.account.username }) }),
    el('p', { className: 'hint', text: t('support.account.created', { date: when(view.account.createdAt) }) }),
    el('h2', { text: t('support.passkeys.title') }),
    view.passkeys.length
      ? el('div', { className: 'passkeys' }, view.passkeys.map(passkeyCard))
      : el('p', { text: t('support.passkeys.none') }),
    el('h2', { text: t('support.logins.title') }),
    view.linkedLogins.length
      ? el(
          'ul',
          { attrs: { 'data-testid': 'linked-logins' } },
          view.linkedLogins.map((login) =>
            el('li', {
              text: `${t(`methods.social:${login.provider}`, { defaultValue: login.provider })}${login.displayName ? ` (${login.displayName})` : ''} · ${when(login.linkedAt)}${login.needsReconfirm ? ` · ${t('support.logins.needsReconfirm')}` : ''}`,
            }),
          ),
        )
      : el('p', { text: t('support.logins.none') }),
    el('h2', { text: t('support.timeline.title') }),
    el('div', { className: 'timeline' }, [
      el('div', {}, [
        el('h3', { text: t('support.timeline.own') }),
        own.length
          ? el(
              'ol',
              { className: 'timeline__list', attrs: { 'data-testid': 'timeline-own' } },
              own
                .slice(0, 30)
                .map((entry) =>
                  el('li', {
                    text: [
                      when(entry.at),
                      eventWords(entry.kind),
                      t(`outcomes.${entry.outcome}`, { defaultValue: entry.outcome }),
                      entry.device ? t('support.timeline.from', { device: entry.device }) : '',
                      entry.predicted ? t('support.timeline.predicted', { kind: sheetWords(entry.predicted) }) : '',
                    ]
                      .filter(Boolean)
                      .join(' · '),
                  }),
                ),
            )
          : el('p', { text: t('support.timeline.empty') }),
      ]),
      el('div', {}, [
        el('h3', { text: t('support.timeline.others') }),
        view.timeline.others.length
          ? el(
              'ol',
              { className: 'timeline__list', attrs: { 'data-testid': 'timeline-others' } },
              view.timeline.others.map((entry) =>
                el('li', {
                  text: t('support.timeline.otherLine', {
                    day: entry.day,
                    attempts: entry.attempts,
                    sources: entry.sources,
                    outcome: t(`support.timeline.outcome.${entry.outcome}`),
                  }),
                }),
              ),
            )
          : el('p', { text: t('support.timeline.othersNone') }),
      ]),
    ]),
  ]);
}

/** A predicted sheet as staff would describe it (the words-to-say catalogue); its code if that has none. */
function sheetWords(kind: string): string {
  const key = `support.say.${kind}.see`;
  return t(key) === key ? kind : t(key);
}
