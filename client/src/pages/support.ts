import type {
  AuditReply,
  CheckCodeReply,
  FixesReply,
  InviteReply,
  StaffMeReply,
  SupportAccountReply,
} from '../../../server/support/schemas.js';
import { renderAccount } from '../components/support/account.js';
import { renderFixes } from '../components/support/fixes.js';
import { mountStaffHeader } from '../components/support/header.js';
import { deviceName, renderMatrix } from '../components/support/matrix.js';
import { get, LabApiError, post } from '../lib/api.js';
import { $, el } from '../lib/dom.js';
import { lang, t } from '../lib/i18n.js';
import { describeSupportError, loadStylesheet } from '../lib/support-i18n.js';
import { pageIsReady } from '../lib/ready.js';

// The support console (issue 12): look up a customer, read the device matrix and the words to say, invite a
// colleague, read the audit log. The server serves this page to staff sessions only.
loadStylesheet('support');
const status = $('#status');
const say = (text: string, tone: 'error' | 'ok' | '' = '') => {
  status.textContent = text;
  status.dataset.tone = tone;
};
const when = (ms: number) => new Date(ms).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');

/** Never fails: a refusal (a staff session that ended) is said in the audit list, after the action's own words. */
async function refreshAudit() {
  let body: AuditReply;
  try {
    ({ body } = await get<AuditReply>('/api/support/audit'));
  } catch (error) {
    $('#audit').replaceChildren(el('li', { text: describeSupportError(error), attrs: { 'data-tone': 'error' } }));
    return;
  }
  $('#audit').replaceChildren(
    ...(body.entries.length
      ? body.entries.map((entry) => {
          // Each action's sentence places the account name itself (Japanese puts it first).
          const action = entry.action === 'check.lookup' && !entry.subject ? 'check-lookup-unlinked' : entry.action;
          return el('li', {
            text: t('support.audit.entry', {
              time: when(entry.createdAt),
              name: entry.staffName,
              action: t(`support.audit.${action.replace('.', '-')}`, { subject: entry.subject ?? '' }),
            }),
          });
        })
      : [el('li', { text: t('support.audit.empty') })]),
  );
}

/** The matrix cell a self-check matched; verified when the check was sent from a browser signed in to the account. */
type Confirmed = { device: string | null; verified: boolean } | null;

/** Shows the account, or says why not; true when it was shown. Never fails. */
async function lookUp(
  username: string,
  customerLang: 'ja' | 'en',
  confirmed: Confirmed = null,
  via?: 'bundle',
): Promise<boolean> {
  let shown = false;
  say(t('support.lookup.loading'));
  try {
    const path = `/api/support/accounts/${encodeURIComponent(username)}`;
    const { body } = await get<SupportAccountReply>(`${path}?customerLang=${customerLang}${via ? `&via=${via}` : ''}`);
    const { body: proposals } = await get<FixesReply>(`${path}/fixes`);
    $('#result').replaceChildren(
      // A support file is the customer's own download, but nothing in it is signed: the name is what the file says.
      ...(via === 'bundle'
        ? [
            el('p', {
              className: 'card warning',
              text: t('support.lookup.bundleUnverified', { name: username }),
              attrs: { 'data-testid': 'bundle-unverified' },
            }),
          ]
        : []),
      renderAccount(body),
      renderMatrix(body.matrix, customerLang, confirmed),
      renderFixes(
        body.account.username,
        proposals.fixes,
        body.matrix,
        // Applied; if the account cannot be shown again (the staff session ended), that is what the status says.
        () =>
          void lookUp(username, customerLang, confirmed, via).then(
            (again) => again && say(t('support.fixes.applied'), 'ok'),
          ),
        body.asks.addPasskeyHere,
        when,
      ),
    );
    say('');
    shown = true;
  } catch (error) {
    $('#result').replaceChildren();
    if (error instanceof LabApiError && error.code === 'account_not_found') say(t('support.lookup.notFound'), 'error');
    else say(describeSupportError(error), 'error');
  }
  await refreshAudit();
  return shown;
}

const { body: me } = await get<StaffMeReply>('/api/support/me');
mountStaffHeader(me.name);
$<HTMLSelectElement>('#customer-lang').value = lang;
$('#lookup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const username = $<HTMLInputElement>('#lookup-username').value.trim();
  if (username) void lookUp(username, $<HTMLSelectElement>('#customer-lang').value === 'en' ? 'en' : 'ja');
});
$('#code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $<HTMLInputElement>('#check-code').value.trim();
  void get<CheckCodeReply>(`/api/support/check-codes/${encodeURIComponent(code)}`)
    .then(async ({ body }) => {
      const device = deviceName({
        id: body.matrixDevice ?? 'check',
        group: body.device.os === 'windows' && body.device.browser !== 'firefox' ? 'windows' : 'other',
        client: body.device,
        ...(body.device.platformAuthenticator !== undefined ? { hello: body.device.platformAuthenticator } : {}),
      });
      const answer = (value: string | undefined) =>
        value
          ? t(
              `support.check.${{ present: 'yes', absent: 'no', 'set-up': 'yes', 'not-set-up': 'no' }[value] ?? 'unknown'}`,
            )
          : '—';
      const customerLang = () => ($<HTMLSelectElement>('#customer-lang').value === 'en' ? 'en' : 'ja');
      // A typed name is what the sender said, not who they are: shown apart, looked up only when staff choose to.
      const typed = body.typedUsername && body.typedUsername !== body.signedInAs ? body.typedUsername : null;
      const lookUpTyped = el('button', {
        className: 'secondary',
        text: t('support.lookup.checkLookUpTyped', { name: typed ?? '' }),
        attrs: { type: 'button', 'data-testid': 'check-lookup-typed' },
      });
      lookUpTyped.addEventListener('click', () => {
        $<HTMLInputElement>('#lookup-username').value = typed!;
        void lookUp(typed!, customerLang(), { device: body.matrixDevice, verified: false });
      });
      $('#check-result').replaceChildren(
        el('section', { className: 'card', attrs: { 'data-testid': 'check-summary' } }, [
          el('p', { text: t('support.lookup.checkFound', { time: when(body.createdAt), device }) }),
          el('p', {
            text: t('support.lookup.checkAnswers', {
              bluetooth: answer(body.facts.answers.bluetooth),
              hello: answer(body.facts.answers.windowsHello),
            }),
          }),
          body.signedInAs
            ? el('p', {
                text: t('support.lookup.checkSignedIn', { name: body.signedInAs }),
                attrs: { 'data-testid': 'check-signed-in' },
              })
            : null,
          typed
            ? el('div', { className: 'warning', attrs: { 'data-testid': 'check-typed' } }, [
                el('p', { text: t('support.lookup.checkTyped', { name: typed }) }),
                lookUpTyped,
              ])
            : null,
          el('details', {}, [
            el('summary', { text: t('support.matrix.developer') }),
            el('pre', { text: JSON.stringify(body.facts, null, 2), attrs: { tabindex: '0' } }),
          ]),
        ]),
      );
      if (body.signedInAs) {
        $<HTMLInputElement>('#lookup-username').value = body.signedInAs;
        await lookUp(body.signedInAs, customerLang(), { device: body.matrixDevice, verified: true });
      } else await refreshAudit();
    })
    .catch((error: unknown) => {
      $('#check-result').replaceChildren();
      say(
        error instanceof LabApiError && error.code === 'check_code_not_found'
          ? t('support.lookup.checkNotFound')
          : describeSupportError(error),
        'error',
      );
    });
});
// A support file (GET /api/account/support-bundle, downloaded by the customer) names the account; it is looked up as
// usual.
$<HTMLInputElement>('#bundle-file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (!file) return;
  void file
    .text()
    .then((text) => {
      let username: unknown;
      try {
        username = (JSON.parse(text) as { account?: { username?: unknown } }).account?.username;
      } catch {
        username = undefined;
      }
      if (typeof username !== 'string' || !username) {
        say(t('support.lookup.bundleInvalid'), 'error');
        return false;
      }
      $<HTMLInputElement>('#lookup-username').value = username;
      return lookUp(username, $<HTMLSelectElement>('#customer-lang').value === 'en' ? 'en' : 'ja', null, 'bundle');
    })
    .catch(() => say(t('support.lookup.bundleInvalid'), 'error'));
});
$('#invite-button').addEventListener('click', () => {
  void post<InviteReply>('/api/support/invites', {})
    .then(({ body }) => {
      $('#invite-result').replaceChildren(
        el('span', { text: t('support.invite.created', { time: when(body.expiresAt) }) + ' ' }),
        el('code', { text: body.link, attrs: { 'data-testid': 'invite-link' } }),
      );
      return refreshAudit();
    })
    .catch((error: unknown) => say(describeSupportError(error), 'error'));
});
pageIsReady();
await refreshAudit();
