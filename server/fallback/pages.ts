import { escapeHtml } from '../html.js';

const TEXT = {
  en: {
    linkTitle: 'Link your {provider} login?',
    unlinkTitle: 'Unlink your {provider} login?',
    linkBody: 'After linking, "Log in with {provider}" will sign you in to {username} (with limited rights until you confirm with a passkey).',
    unlinkBody: '"Log in with {provider}" will no longer sign you in to {username}.',
    stepUp: 'Linked logins can only be changed right after a passkey confirmation. Go back to your account page and confirm with a passkey first.',
    original_passkey_required: 'Your account was recovered recently: unlinking needs a confirmation with a passkey you had before the recovery (or a week\'s wait).',
    last_sign_in_method: 'This login is the last way to sign in to your account, so it cannot be unlinked. Add a passkey first.',
    confirm: 'Confirm',
    back: 'Back to the account page',
    providers: { google: 'Google (demo)', line: 'LINE (demo)' } as Record<string, string>,
  },
  ja: {
    linkTitle: '{provider} のログインを連携しますか？',
    unlinkTitle: '{provider} のログインの連携を解除しますか？',
    linkBody: '連携すると「{provider} でログイン」で {username} にログインできます（パスキーで確認するまでは機能が制限されます）。',
    unlinkBody: '「{provider} でログイン」で {username} にログインできなくなります。',
    stepUp: '連携の変更は、パスキーで確認した直後にだけ行えます。アカウント ページに戻って、先にパスキーで確認してください。',
    original_passkey_required: '最近アカウントを復旧しました。連携の解除は、復旧より前から持っているパスキーで確認してから行ってください（または 1 週間待ってください）。',
    last_sign_in_method: 'このログインはアカウントにログインする最後の方法なので、連携を解除できません。先にパスキーを追加してください。',
    confirm: '確認',
    back: 'アカウント ページに戻る',
    providers: { google: 'Google（デモ）', line: 'LINE（デモ）' } as Record<string, string>,
  },
};

/** The confirmation screen in front of every link and unlink: names the provider and the account. */
export function confirmationPage(input: {
  lang: 'ja' | 'en';
  provider: string;
  action: 'link' | 'unlink';
  username: string;
  csrfToken: string;
  needsStepUp: boolean;
  /** Why the server will refuse this unlink even at passkey assurance, said before the button is pressed. */
  refusal?: 'original_passkey_required' | 'last_sign_in_method';
}) {
  const text = TEXT[input.lang];
  const fill = (template: string) =>
    template.replace('{provider}', (Object.hasOwn(text.providers, input.provider) ? text.providers[input.provider] : undefined) ?? input.provider).replace('{username}', input.username);
  const title = fill(input.action === 'link' ? text.linkTitle : text.unlinkTitle);
  // The form is always there (the server re-checks assurance on submit); without a step-up its button is disabled.
  const blocked = input.needsStepUp || input.refusal !== undefined;
  const body = `${input.needsStepUp ? `<p class="status" data-tone="error" data-testid="link-step-up">${escapeHtml(text.stepUp)}</p>` : ''}
${input.refusal ? `<p class="status" data-tone="error" data-testid="link-refusal" data-code="${input.refusal}">${escapeHtml(text[input.refusal])}</p>` : ''}
<p>${escapeHtml(fill(input.action === 'link' ? text.linkBody : text.unlinkBody))}</p>
<form method="post" action="/link/${encodeURIComponent(input.provider)}">
<input type="hidden" name="_csrf" value="${escapeHtml(input.csrfToken)}"><input type="hidden" name="action" value="${input.action}">
<button type="submit" data-testid="link-confirm"${blocked ? ' disabled' : ''}>${escapeHtml(text.confirm)}</button></form>`;
  return `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/assets/styles.css"></head>
<body><main><div class="card"><h1>${escapeHtml(title)}</h1>${body}<p><a href="/account">${escapeHtml(text.back)}</a></p></div></main></body></html>`;
}
