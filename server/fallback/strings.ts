// The link/unlink confirmation page (pages.ts), in Japanese and English. {service} is the login service's name.

export const linkStrings = {
  en: {
    linkTitle: 'Link your {service} login?',
    unlinkTitle: 'Unlink your {service} login?',
    linkBody:
      'After linking, "Log in with {service}" will sign you in to {username} (with limited rights until you confirm with a passkey).',
    unlinkBody: '"Log in with {service}" will no longer sign you in to {username}.',
    stepUp:
      'Linked logins can only be changed right after a passkey confirmation. Go back to your account page and confirm with a passkey first.',
    original_passkey_required:
      "Your account was recovered recently: unlinking needs a confirmation with a passkey you had before the recovery (or a week's wait).",
    last_sign_in_method:
      'This login is the last way to sign in to your account, so it cannot be unlinked. Add a passkey first.',
    nothing_to_unlink: 'This login is not linked to your account, so there is nothing to unlink.',
    confirm: 'Confirm',
    back: 'Back to the account page',
    services: { google: 'Google (demo)', line: 'LINE (demo)' } as Record<string, string>,
  },
  ja: {
    linkTitle: '{service} のログインを連携しますか？',
    unlinkTitle: '{service} のログインの連携を解除しますか？',
    linkBody:
      '連携すると「{service} でログイン」で {username} にログインできます（パスキーで確認するまでは機能が制限されます）。',
    unlinkBody: '「{service} でログイン」で {username} にログインできなくなります。',
    stepUp:
      '連携の変更は、パスキーで確認した直後にだけ行えます。アカウント ページに戻って、先にパスキーで確認してください。',
    original_passkey_required:
      '最近アカウントを復旧しました。連携の解除は、復旧より前から持っているパスキーで確認してから行ってください（または 1 週間待ってください）。',
    last_sign_in_method:
      'このログインはアカウントにログインする最後の方法なので、連携を解除できません。先にパスキーを追加してください。',
    nothing_to_unlink: 'このログインはアカウントに連携されていないため、解除するものはありません。',
    confirm: '確認',
    back: 'アカウント ページに戻る',
    services: { google: 'Google（デモ）', line: 'LINE（デモ）' } as Record<string, string>,
  },
};
