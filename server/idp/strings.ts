// Japanese and English text of the mock providers' screens. They are the lab's own demo copies, not Google's or LINE's.

export const idpStrings = {
  en: {
    demoLabel: 'Demo copy for the lab — not the real service',
    googleTitle: 'Google-like sign-in (demo)',
    chooseAccount: 'Choose an account',
    toContinue: 'to continue to {client}',
    consentTitle: '{client} wants to access your demo account',
    consentShares: 'This will share your name, e-mail address and profile picture with {client}.',
    continue: 'Continue',
    cancel: 'Cancel',
    lineTitle: 'LINE-like login (demo)',
    email: 'Email address',
    password: 'Password',
    login: 'Log in',
    wrongPassword: 'The email address or password is incorrect.',
    verifyTitle: 'Verify it is you',
    verifyBody: 'Enter this number in LINE on your smartphone.',
    remaining: 'Time left: {seconds} s',
    openPhone: 'Open "LINE on your phone" (demo) in a new tab',
    waiting: 'Waiting for the number to be entered on the phone…',
    expired: 'The number has expired. Start the login again.',
    tooManyTries: 'Too many wrong numbers. Start the login again.',
    phoneTitle: 'LINE on your phone (demo)',
    phoneBody: 'Confirm the login on a PC: enter the number shown on the PC.',
    phoneAccount: 'Signed in to LINE as {name}',
    phoneCode: 'Number',
    phoneVerify: 'Verify',
    phoneOk: 'Confirmed. Go back to the PC.',
    phoneWrong: 'That number is not right. Tries left: {left}.',
    phoneNothing: 'There is no login waiting for confirmation.',
    lineConsentTitle: '{client} is requesting access',
    lineConsentItems: 'Your profile information (name, profile picture) · Your internal identifier',
    addFriend: 'Add {client} as a friend',
    allow: 'Allow',
    errorTitle: 'Something went wrong',
  },
  ja: {
    demoLabel: 'デモ用の模擬画面 — 本物のサービスではありません',
    googleTitle: 'Google 風ログイン（デモ）',
    chooseAccount: 'アカウントの選択',
    toContinue: '{client} に移動',
    consentTitle: '{client} がデモ アカウントへのアクセスを求めています',
    consentShares: '名前、メールアドレス、プロフィール写真が {client} と共有されます。',
    continue: '続行',
    cancel: 'キャンセル',
    lineTitle: 'LINE 風ログイン（デモ）',
    email: 'メールアドレス',
    password: 'パスワード',
    login: 'ログイン',
    wrongPassword: 'メールアドレスまたはパスワードが正しくありません。',
    verifyTitle: '本人確認',
    verifyBody: 'スマートフォン版 LINE で次の認証番号を入力してください。',
    remaining: '残り {seconds} 秒',
    openPhone: '「スマートフォン版 LINE」（デモ）を新しいタブで開く',
    waiting: 'スマートフォンでの入力を待っています…',
    expired: '認証番号の有効期限が切れました。最初からログインしてください。',
    tooManyTries: '認証番号の誤りが多すぎます。最初からログインしてください。',
    phoneTitle: 'スマートフォン版 LINE（デモ）',
    phoneBody: 'PC でのログインを確認：PC に表示された認証番号を入力してください。',
    phoneAccount: '{name} として LINE にログイン中',
    phoneCode: '認証番号',
    phoneVerify: '本人確認',
    phoneOk: '確認しました。PC に戻ってください。',
    phoneWrong: '認証番号が違います。残り {left} 回。',
    phoneNothing: '確認待ちのログインはありません。',
    lineConsentTitle: '{client} が次の情報へのアクセスを求めています',
    lineConsentItems: 'プロフィール情報（名前、プロフィール画像）・内部識別子',
    addFriend: '{client} を友だち追加',
    allow: '許可する',
    errorTitle: 'エラーが発生しました',
  },
};

export type IdpStrings = (typeof idpStrings)['en'];
export type IdpLang = keyof typeof idpStrings;

export function pickIdpLang(uiLocales: unknown, acceptLanguage: string | undefined): IdpLang {
  const wanted = `${typeof uiLocales === 'string' ? uiLocales : ''} ${acceptLanguage ?? ''}`.toLowerCase().trim();
  return wanted.startsWith('ja') ? 'ja' : 'en';
}

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
