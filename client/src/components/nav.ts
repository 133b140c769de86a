import type { SessionReply } from '../../../server/session/schemas.js';
import { get } from '../lib/api.js';
import { el } from '../lib/dom.js';
import { lang, setLanguage, t, translatePage } from '../lib/i18n.js';

const LINKS = ['login', 'signup', 'account', 'lab', 'history', 'lost-phone', 'phone'] as const;

/** The type of GET /api/session's response schema. */
export type SessionInfo = SessionReply;

/** The header every page shares: navigation, who is signed in (and how), and the language switch. */
export async function mountNav(): Promise<SessionInfo> {
  let header = document.querySelector('header.site');
  if (!header) {
    header = el('header', { className: 'site' });
    document.body.prepend(header);
  }
  const nav = el('nav', {}, [
    el('strong', { className: 'brand', text: t('app.title') }),
    ...LINKS.map((page) =>
      el('a', {
        text: t(`nav.${page}`),
        attrs: { href: `/${page}`, ...(document.body.dataset.page === page ? { 'aria-current': 'page' } : {}) },
      }),
    ),
  ]);
  const status = el('span', { className: 'session', attrs: { 'data-testid': 'session-status' } });
  const switcher = el('button', {
    className: 'lang',
    text: lang === 'ja' ? 'English' : '日本語',
    attrs: { type: 'button', 'data-testid': 'lang-switch' },
  });
  switcher.addEventListener('click', () => setLanguage(lang === 'ja' ? 'en' : 'ja'));
  header.replaceChildren(nav, status, switcher);
  translatePage();

  const session = (await get<SessionInfo>('/api/session')).body;
  showSessionStatus(session);
  return session;
}

/**
 * Writes who is signed in, and how, into the header. A page calls it again when the session changes under it (deleting
 * the passkey this browser signed in with lowers its assurance: server/account/current-account.ts).
 */
export function showSessionStatus(session: Pick<SessionInfo, 'user' | 'method' | 'assurance'>) {
  const status = document.querySelector('[data-testid=session-status]');
  if (!status) return;
  status.textContent = session.user
    ? t('nav.signedInAs', {
        username: session.user.username,
        method: t(`methods.${session.method}`),
        assurance: t(`assurance.${session.assurance}`),
      })
    : t('nav.signedOut');
}
