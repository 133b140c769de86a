import { post } from '../../lib/api.js';
import { el } from '../../lib/dom.js';
import { lang, setLanguage, t, translatePage } from '../../lib/i18n.js';

/** The support pages' header: the brand, who is signed in as staff (if anyone), the language switch, sign out. */
export function mountStaffHeader(staffName: string | null, brandKey = 'support.brand') {
  let header = document.querySelector<HTMLElement>('header.site');
  if (!header) {
    header = el('header', { className: 'site' });
    document.body.prepend(header);
  }
  const switcher = el('button', {
    className: 'lang',
    text: lang === 'ja' ? 'English' : '日本語',
    attrs: { type: 'button', 'data-testid': 'lang-switch' },
  });
  switcher.addEventListener('click', () => setLanguage(lang === 'ja' ? 'en' : 'ja'));
  const children: HTMLElement[] = [el('nav', {}, [el('strong', { className: 'brand', text: t(brandKey) })])];
  if (staffName) {
    children.push(
      el('span', {
        className: 'session',
        text: t('support.signedInAs', { name: staffName }),
        attrs: { 'data-testid': 'staff-status' },
      }),
    );
    const signOut = el('button', {
      className: 'lang',
      text: t('support.signOut'),
      attrs: { type: 'button', 'data-testid': 'staff-sign-out' },
    });
    signOut.addEventListener(
      'click',
      () => void post('/api/session/logout', {}).then(() => location.assign('/staff/login')),
    );
    children.push(signOut);
  }
  children.push(switcher);
  header.replaceChildren(...children);
  translatePage();
}
