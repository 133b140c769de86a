import type { FallbackProvidersReply } from '../../../server/fallback/schemas.js';
import { get } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

/** Fills the "または / or" section with the fallback logins the lab has configured (test ids `${testIdPrefix}<id>`). */
export async function renderFallbacks(container: HTMLElement, testIdPrefix = 'fallback-') {
  let providers: FallbackProvidersReply['providers'];
  try {
    providers = (await get<FallbackProvidersReply>('/api/fallback/providers')).body.providers;
  } catch {
    providers = [];
  }
  container.replaceChildren(
    ...(providers.length
      ? providers.map((provider) =>
          el('a', {
            className: `button fallback fallback--${provider.id}`,
            text: t('login.loginWith', { name: t(`providers.${provider.id}`) }),
            attrs: { href: `/auth/${provider.id}/start`, 'data-testid': `${testIdPrefix}${provider.id}` },
          }),
        )
      : [el('p', { text: t('login.noFallbacks') })]),
  );
}
