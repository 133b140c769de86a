import { startAuthentication } from '@simplewebauthn/browser';
import { mountNav, showSessionStatus } from '../components/nav.js';
import { mountSupportAsk } from '../components/support-ask.js';
import { api, get, post } from '../lib/api.js';
import { collectClientInfo } from '../lib/client-info.js';
import { $, el, show } from '../lib/dom.js';
import { formatDate } from '../lib/dates.js';
import { describeError, describeErrorCode } from '../lib/errors.js';
import { t } from '../lib/i18n.js';
import { pageIsReady } from '../lib/ready.js';
import type {
  AccountReply,
  DeleteReply,
  DisplayNameReply,
  PresentedCredential,
  SignalsReply,
} from '../../../server/account/schemas.js';
import type { FallbackProvidersReply } from '../../../server/fallback/schemas.js';
import type { SessionReply } from '../../../server/session/schemas.js';
import type { AuthenticationOptionsReply } from '../../../server/webauthn/schemas.js';
import { registerPasskeyHere } from '../lib/passkey-here.js';
import {
  signalAllAcceptedCredentials,
  signalCurrentUserDetails,
  signalUnknownCredential,
  type SignalOutcome,
} from '../lib/signals.js';

// The reply types are the server's response schemas (server/account/schemas.ts), not copies.
type Credential = PresentedCredential;

const status = $('#status');
const when = formatDate;

function setStatus(text: string, tone: 'info' | 'error' | 'ok' = 'info') {
  status.textContent = text;
  status.dataset.tone = tone;
}

/** Plain words first; the term of art (what the WebAuthn spec and the sheets call it) behind a details toggle. */
function technical(text: string): HTMLElement {
  return el('details', {}, [el('summary', { text: t('account.details') }), el('code', { text })]);
}

/** Where a passkey can be used ("this device", "a phone nearby"), with the stored transports in its details. */
function reachWords(transports: string[] | null): (Node | string)[] {
  if (!transports?.length) return [t('account.reachUnknown'), technical(`transports: ${t('account.noTransports')}`)];
  const words = transports.map((transport) => {
    const key = `account.reachWords.${transport}`;
    return t(key) === key ? transport : t(key);
  });
  return [words.join(', '), technical(`transports: ${transports.join(', ')}`)];
}

function credentialRow(credential: Credential): HTMLElement {
  const nameInput = el('input', {
    attrs: { value: credential.label ?? '', maxlength: '64', 'aria-label': t('account.name') },
  });
  const rename = el('button', { className: 'small secondary', text: t('account.rename'), attrs: { type: 'button' } });
  const remove = el('button', { className: 'small danger', text: t('account.delete'), attrs: { type: 'button' } });
  rename.addEventListener('click', async () => {
    try {
      await api('PATCH', `/api/account/credentials/${encodeURIComponent(credential.id)}`, {
        label: nameInput.value.trim() || credential.id.slice(0, 8),
      });
      setStatus(t('account.renamed'), 'ok');
    } catch (error) {
      setStatus(describeError(error), 'error');
    }
  });
  remove.addEventListener('click', async () => {
    if (!confirm(t('account.confirmDelete'))) return;
    try {
      const { body } = await api<DeleteReply>(
        'DELETE',
        `/api/account/credentials/${encodeURIComponent(credential.id)}`,
      );
      await load();
      // Tell the browser the passkey is gone, so its password manager stops offering it (Windows Hello deletes it).
      reportSignal(await signalUnknownCredential(body.signal));
    } catch (error) {
      setStatus(describeError(error), 'error');
    }
  });
  // data-label names the column when the row is drawn as a card (narrow screens, client/styles.css).
  const cell = (label: string, children: (Node | string)[]) => el('td', { attrs: { 'data-label': label } }, children);
  return el('tr', { attrs: { 'data-credential': credential.id } }, [
    cell(t('account.name'), [nameInput, rename]),
    cell(
      t('account.provider'),
      credential.provider
        ? [credential.provider]
        : [t('account.unknownProvider'), technical(t('account.unknownProviderDetails'))],
    ),
    cell(t('account.kind'), [credential.synced ? t('account.synced') : t('account.deviceBound')]),
    cell(t('account.reach'), reachWords(credential.transports)),
    cell(t('account.created'), [when(credential.createdAt)]),
    cell(t('account.lastUsed'), [when(credential.lastUsedAt)]),
    cell(
      t('account.health'),
      credential.health.length
        ? [
            el(
              'ul',
              { className: 'health' },
              credential.health.map((finding) =>
                el('li', { attrs: { 'data-finding': finding } }, [
                  t(`health.${finding}`),
                  technical(t(`healthDetails.${finding}`)),
                ]),
              ),
            ),
          ]
        : [el('span', { className: 'ok', text: '✓' })],
    ),
    el('td', {}, [remove]),
  ]);
}

function reportSignal(outcome: SignalOutcome) {
  setStatus(
    t(`signals.status.${outcome.result}`, { kind: t(`signals.kinds.${outcome.kind}`) }),
    outcome.result === 'failed' ? 'error' : 'ok',
  );
  void showSignals();
}

/** What this page told the browser, newest first, exactly as sent. */
async function showSignals() {
  try {
    const { body } = await get<SignalsReply>('/api/account/signals');
    $('#signals').replaceChildren(
      ...(body.history.length
        ? body.history.map((entry) =>
            el('li', { attrs: { 'data-kind': entry.kind, 'data-result': entry.result } }, [
              `${t(`signals.kinds.${entry.kind}`)} — ${t(`signals.results.${entry.result}`)}${entry.error ? ` (${entry.error})` : ''} · ${when(entry.at)}`,
              el('pre', { text: JSON.stringify(entry.sent, null, 1), attrs: { tabindex: '0' } }),
            ]),
          )
        : [el('li', { text: t('signals.none') })]),
    );
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
}

let account: AccountReply | undefined;

async function load() {
  try {
    const { body } = await get<AccountReply>('/api/account');
    account = body;
    // The session can change under the page: deleting the passkey it signed in with lowers its assurance.
    showSessionStatus({ user: { username: body.username }, ...body.session });
    show($('#assurance'), body.session.assurance === 'low');
    $<HTMLInputElement>('#display-name').value = body.displayName;
    $('#credential-rows').replaceChildren(...body.credentials.map(credentialRow));
    $('#identities').replaceChildren(
      ...(body.identities ?? []).map((identity) => {
        const unlink = el('button', {
          className: 'small secondary',
          text: t('account.unlink'),
          attrs: { type: 'button', 'data-testid': `unlink-${identity.provider}` },
        });
        unlink.addEventListener('click', () => location.assign(`/link/${identity.provider}/confirm?action=unlink`));
        const reconfirm = identity.needsReconfirm
          ? el('button', {
              className: 'small',
              text: t('account.reconfirm'),
              attrs: { type: 'button', 'data-testid': `reconfirm-${identity.provider}` },
            })
          : null;
        reconfirm?.addEventListener('click', async () => {
          try {
            await post(`/api/account/identities/${identity.provider}/confirm`);
            await load();
          } catch (error) {
            setStatus(describeError(error), 'error');
          }
        });
        return el('li', { attrs: { 'data-provider': identity.provider } }, [
          `${t(`providers.${identity.provider}`)} — ${identity.subject} (${when(identity.linkedAt)}) `,
          identity.needsReconfirm
            ? el('strong', { className: 'warn', text: `[${t('account.needsReconfirm')}] ` })
            : null,
          reconfirm,
          unlink,
        ]);
      }),
    );
    if (!(body.identities ?? []).length)
      $('#identities').replaceChildren(el('li', { text: t('account.noIdentities') }));
  } catch (error) {
    setStatus(describeError(error), 'error');
    if ((error as { status?: number }).status === 401) location.assign('/login');
  }
}

async function linkButtons() {
  try {
    const { body } = await get<FallbackProvidersReply>('/api/fallback/providers');
    $('#link-buttons').replaceChildren(
      ...body.providers.map((provider) =>
        el('a', {
          className: 'button secondary',
          text: t('account.link', { name: t(`providers.${provider.id}`) }),
          attrs: { href: `/link/${provider.id}/confirm?action=link`, 'data-testid': `link-${provider.id}` },
        }),
      ),
    );
  } catch {
    // no fallback providers configured
  }
}

// Step-up: a fallback (social) session confirms with a passkey before it may change passkeys or links.
$('#step-up').addEventListener('click', async () => {
  try {
    const session = (await get<SessionReply>('/api/session')).body;
    const client = await collectClientInfo();
    const { body: options } = await post<AuthenticationOptionsReply>('/api/authentication/options', {
      username: session.user?.username,
      strategy: 'best-practice',
      client,
    });
    const response = await startAuthentication({ optionsJSON: options });
    await post('/api/authentication/verify', { response, client });
    location.reload();
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
});

// A display-name change reaches passkey managers through signalCurrentUserDetails. The server asks for passkey assurance.
$('#save-display-name').addEventListener('click', async () => {
  try {
    const { body } = await api<DisplayNameReply>('PATCH', '/api/account/display-name', {
      displayName: $<HTMLInputElement>('#display-name').value,
    });
    reportSignal(await signalCurrentUserDetails(body.signal));
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
});

/**
 * Each sign-in tells the browser which passkeys the account still accepts (signalAllAcceptedCredentials), once per
 * sign-in and tab: the sign-in time marks it, so a reload does not send it again.
 */
async function signalAcceptedOnce(signedInAt: number | null) {
  if (!account || signedInAt === null) return;
  const key = `lab.accepted-signalled:${account.username}`;
  if (sessionStorage.getItem(key) === String(signedInAt)) return;
  sessionStorage.setItem(key, String(signedInAt));
  try {
    reportSignal(await signalAllAcceptedCredentials(account.signals.allAcceptedCredentials));
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
}

/**
 * After a fallback or phone sign-in, this PC can get its own passkey. Where the browser reports conditionalCreate the
 * password manager is asked for an automatic upgrade (create with mediation 'conditional': no dialog; it succeeds
 * only where the manager just helped the user sign in); the explicit "use a passkey on this PC" stays next to it.
 * Registration keeps the server's rule: a fallback session confirms with a passkey (step-up) first.
 */
async function offerPasskeyHere() {
  // Shown only when registering can succeed (the server's rule: passkey assurance, or after identity proofing), so
  // the button never leads to a refusal; a fallback session sees the step-up card, which says this comes after it.
  const canRegister =
    !!account &&
    account.session.method !== 'passkey' &&
    (account.session.assurance === 'high' || account.session.recovered);
  show($('#offer-local'), canRegister);
  // Said on the page, so whoever waits for this offer (a test) can tell "not offered" from "not decided yet".
  $('#offer-local').dataset.decided = canRegister ? 'offered' : 'not-offered';
  if (!account || !canRegister) return;
  const upgradeStatus = $('#upgrade-status');
  const client = await collectClientInfo();
  if (client.capabilities?.conditionalCreate !== true) {
    upgradeStatus.textContent = t('account.upgradeExplicit');
    return;
  }
  upgradeStatus.textContent = t('account.upgradeWaiting');
  try {
    await registerPasskeyHere(account.username, client, t('account.upgradeLabel'), 'automatic');
    upgradeStatus.textContent = t('account.upgraded');
    await load();
  } catch (error) {
    upgradeStatus.textContent = t('account.upgradeNotNow', { reason: describeError(error) });
  }
}

$('#logout').addEventListener('click', async () => {
  await post('/api/session/logout');
  location.assign('/login?signed-out');
});

// Every browser signed in to this account, this one included; passkeys being added elsewhere are refused too.
$('#logout-everywhere').addEventListener('click', async () => {
  if (!confirm(t('account.confirmLogoutEverywhere'))) return;
  try {
    await post('/api/session/logout-everywhere');
    location.assign('/login?signed-out');
  } catch (error) {
    setStatus(describeError(error), 'error');
  }
});

const session = await mountNav();
if (!session.user) location.assign('/login');
const query = new URLSearchParams(location.search);
if (query.has('error')) setStatus(describeErrorCode(query.get('error')), 'error');
else if (query.get('linked')) setStatus(t('account.linked'), 'ok');
else if (query.get('unlinked')) setStatus(t('account.unlinked'), 'ok');
else if (session.method?.startsWith('social:'))
  setStatus(t('account.viaFallback', { name: t(`providers.${session.method.slice(7)}`) }), 'info');
await load();
// The fixed controls' handlers are attached above; the display name is filled in by load().
pageIsReady();
await linkButtons();
await showSignals();
await signalAcceptedOnce((session as { signedInAt?: number | null }).signedInAt ?? null);
// Support may have asked this customer to add a passkey on this PC (issue 12 point 4): asked plainly, in place of the
// automatic upgrade (one offer at a time; a pending automatic one would hold the authenticator).
const asked = session.user
  ? await mountSupportAsk(
      $('#offer-local'),
      session.user.username,
      session.assurance === 'high' || session.method === 'recovery',
      load,
    )
  : false;
if (asked) $('#offer-local').dataset.decided = 'support-ask';
else void offerPasskeyHere();
