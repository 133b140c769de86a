import type { Browser, Page } from 'playwright-core';
import { GOOGLE_LIKE_ACCOUNTS, LINE_LIKE_ACCOUNTS, type DemoIdentity } from '../../server/idp/accounts.js';
import { Device } from './browser.js';
import { loginUsernameFirst, logOut, sessionOf, signUp } from './lab-pages.js';

// The whole story, on the project's real pages, as one function: the browser test asserts on it and
// `npm run demo` records it. Each step names what a person would see.

export type StepRecorder = (name: string, page: Page, run: () => Promise<void>) => Promise<void>;
/** Optional: called at the interesting pages inside a step (provider screens, the phone), for the demo report. */
export type Snapshot = (label: string, page: Page) => Promise<void>;

export const STEP_NAMES = {
  en: [
    'Phone: sign up with a fingerprint passkey',
    'Phone: link LINE from the app (confirmation screen)',
    'PC: log in the marketplace way → the dialog cannot be used',
    'PC: Cancel → "or" → Log in with Google (not linked)',
    'PC: Log in with LINE, number confirmed on the phone, consent with the friend toggle',
    'PC: step-up with the phone passkey (hybrid)',
    'PC: register a passkey on this PC (Windows Hello)',
    'PC: the next login needs no phone',
  ],
  ja: [
    'スマホ：指紋（パスキー）で新規登録',
    'スマホ：アプリから LINE を連携（確認画面）',
    'PC：マーケットプレイス方式でログイン → 使えないダイアログ',
    'PC：キャンセル →「または」→ Google でログイン（未連携）',
    'PC：LINE でログイン、認証番号をスマホで確認、友だち追加つきの同意',
    'PC：スマホのパスキーで本人確認（hybrid）',
    'PC：このパソコンにパスキーを登録（Windows Hello）',
    'PC：次回のログインはスマホ不要',
  ],
};

export interface StoryResult {
  username: string;
  failedKind: string | null;
  failedMockupText: string;
  afterLine: { method: string | null; assurance: string | null };
  /** What the header says after the LINE login, in the page's language. */
  afterLineHeader: string;
  afterStepUp: { method: string | null; assurance: string | null };
  finalLogin: 'signed-in' | 'failed';
  finalMethod: string | null;
}

const SNAPS = {
  en: {
    chooser: 'Google-like account chooser (sign in with the password)',
    googleConsent: 'Google-like consent',
    lineLogin: 'LINE-like login',
    lineCode: 'LINE-like: the number on the PC',
    phoneSignIn: '"LINE on your phone": the phone\'s own LINE sign-in (once)',
    phone: '"LINE on your phone": entering the number',
    lineConsent: 'LINE-like consent with the friend toggle',
  },
  ja: {
    chooser: 'Google 風：アカウントの選択（パスワードでログイン）',
    googleConsent: 'Google 風：同意画面',
    lineLogin: 'LINE 風：ログイン',
    lineCode: 'LINE 風：PC に表示された認証番号',
    phoneSignIn: '「スマートフォン版 LINE」：スマートフォン自身の LINE ログイン（最初の一度）',
    phone: '「スマートフォン版 LINE」：認証番号の入力',
    lineConsent: 'LINE 風：友だち追加つきの同意画面',
  },
};
export type SnapKey = keyof (typeof SNAPS)['en'];

export async function runStory(
  browser: Browser,
  base: string,
  idp: string,
  step: StepRecorder,
  lang: 'ja' | 'en' = 'ja',
  snap: Snapshot = async () => {},
): Promise<StoryResult> {
  const names = STEP_NAMES[lang];
  const shot = (key: SnapKey, page: Page) => snap(SNAPS[lang][key], page);
  const locale = lang === 'ja' ? 'ja-JP' : 'en-US';
  const username = `taro-${Date.now().toString(36)}`;
  const line = LINE_LIKE_ACCOUNTS[0]!;
  const google = GOOGLE_LIKE_ACCOUNTS[0]!;
  const phone = await Device.open(browser, 'phone', { locale });
  const pc = await Device.open(browser, 'pc-with-hello', { locale });
  const result: Partial<StoryResult> = { username };

  await step(names[0]!, phone.page, async () => {
    await signUp(phone.page, base, username, 'passkey', 'Android phone');
  });
  await step(names[1]!, phone.page, async () => {
    await phone.page.goto(`${base}/link/line/confirm?action=link`);
    await phone.page.click('[data-testid=link-confirm]');
    await lineLogin(phone.page, phone.page, line, idp, shot);
    await phone.page.waitForURL(/\/account\?linked=line/, { timeout: 20_000 });
  });

  await step(names[2]!, pc.page, async () => {
    const outcome = await loginUsernameFirst(pc.page, base, username, {
      transportsMode: 'omit',
      declaredOs: '10',
      declaredBluetooth: 'absent',
    });
    if (outcome !== 'failed') throw new Error('the PC was expected to fail to log in');
    await pc.page.waitForSelector('[data-testid=explanation]', { timeout: 15_000 });
    result.failedKind = await pc.page.getAttribute('[data-testid=explanation]', 'data-kind');
    result.failedMockupText = (await pc.page.textContent('[data-testid=dialog-mockup]')) ?? '';
  });

  await step(names[3]!, pc.page, async () => {
    await pc.page.click('[data-testid=fallback-google]');
    // A new browser for the Google-like provider: no identity is listed, so "use another account" with its password.
    await pc.page.waitForSelector('[data-testid=google-email]');
    await pc.page.fill('[data-testid=google-email]', google.email);
    await pc.page.fill('[data-testid=google-password]', google.password);
    await shot('chooser', pc.page);
    await pc.page.click('[data-testid=google-sign-in]');
    await pc.page.waitForSelector('[data-testid=google-continue]');
    await shot('googleConsent', pc.page);
    await pc.page.click('[data-testid=google-continue]');
    await pc.page.waitForURL(/\/login\?error=not_linked/, { timeout: 20_000 });
  });

  await step(names[4]!, pc.page, async () => {
    await pc.page.click('[data-testid=fallback-line]');
    await lineLogin(pc.page, phone.page, line, idp, shot);
    await pc.page.waitForURL(/\/account\?via=line/, { timeout: 20_000 });
    result.afterLine = await sessionOf(pc.page, base);
    // The header is drawn by the page's script, after the load event: wait for its text, not only for the element.
    await pc.page.waitForFunction(
      () => (document.querySelector('[data-testid=session-status]')?.textContent ?? '') !== '',
    );
    result.afterLineHeader = (await pc.page.textContent('[data-testid=session-status]')) ?? '';
  });

  await step(names[5]!, pc.page, async () => {
    const [credential] = await phone.credentials();
    const disconnect = await pc.reachPhoneOverHybrid(credential!);
    await pc.page.click('[data-testid=step-up]');
    await pc.page.waitForSelector('[data-testid=low-assurance][hidden]', { state: 'attached', timeout: 20_000 });
    await disconnect();
    result.afterStepUp = await sessionOf(pc.page, base);
  });

  await step(names[6]!, pc.page, async () => {
    await pc.page.click('[data-testid=register-here]');
    await pc.page.waitForURL(/\/signup/);
    await pc.page.waitForFunction(
      () => (document.querySelector('[data-testid=username]') as HTMLInputElement | null)?.value !== '',
    );
    await pc.page.fill('[data-testid=label]', 'This PC');
    await pc.page.click('[data-testid=register-button]');
    await pc.page.waitForSelector('[data-testid=result]:not([hidden])', { timeout: 15_000 });
  });

  await step(names[7]!, pc.page, async () => {
    await logOut(pc.page, base);
    result.finalLogin = await loginUsernameFirst(pc.page, base, username);
    result.finalMethod = (await sessionOf(pc.page, base)).method;
  });

  await phone.close();
  await pc.close();
  return result as StoryResult;
}

/**
 * LINE-like login: email and password on `page`, the 4-digit number typed in "LINE on your phone" on the phone
 * (which signs in to LINE on its own the first time: password + the demo SMS code), consent back on `page`.
 */
export async function lineLogin(
  page: Page,
  phonePage: Page,
  account: DemoIdentity,
  idp: string,
  shot: (key: SnapKey, page: Page) => Promise<void>,
) {
  await page.waitForSelector('[data-testid=line-email]');
  await shot('lineLogin', page);
  await page.fill('[data-testid=line-email]', account.email);
  await page.fill('[data-testid=line-password]', account.password);
  await page.click('[data-testid=line-login]');
  const code = (await page.textContent('[data-testid=line-code]', { timeout: 15_000 }))!.trim();
  await shot('lineCode', page);
  const phoneTab = phonePage === page ? await page.context().newPage() : phonePage;
  await phoneTab.goto(`${idp}/ui/line/phone`);
  await phoneTab.waitForSelector('[data-testid=phone-sign-in], [data-testid=phone-account]');
  if (await phoneTab.isVisible('[data-testid=phone-sign-in]')) {
    await phoneTab.fill('[data-testid=phone-email]', account.email);
    await phoneTab.fill('[data-testid=phone-password]', account.password);
    await phoneTab.fill('[data-testid=phone-sms]', account.phoneSmsCode!);
    await shot('phoneSignIn', phoneTab);
    await phoneTab.click('[data-testid=phone-sign-in-button]');
    await phoneTab.waitForSelector('[data-testid=phone-account]');
  }
  // Newest waiting login first: the one this PC just started.
  await phoneTab.fill('[data-testid=phone-code] >> nth=0', code);
  await shot('phone', phoneTab);
  await phoneTab.click('[data-testid=phone-verify] >> nth=0');
  await phoneTab.waitForSelector('[data-testid=phone-result][data-result=approved]');
  if (phoneTab !== phonePage) await phoneTab.close();
  // The PC's number page refreshes every 2 s and moves on once the phone confirmed.
  await page.waitForSelector('[data-testid=line-allow]', { timeout: 20_000 });
  await shot('lineConsent', page);
  await page.click('[data-testid=line-allow]');
}
