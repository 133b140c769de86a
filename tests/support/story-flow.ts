import type { Browser, Page } from 'playwright-core';
import { LINE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { Device } from './browser.js';
import { loginUsernameFirst, logOut, sessionOf, signUp } from './lab-pages.js';

// The whole story, on the project's real pages, as one function: the browser test asserts on it and
// `npm run demo` records it. Each step names what a person would see.

export type StepRecorder = (name: string, page: Page, run: () => Promise<void>) => Promise<void>;

export interface StoryResult {
  username: string;
  failedKind: string | null;
  failedMockupText: string;
  afterLine: { method: string | null; assurance: string | null };
  afterStepUp: { method: string | null; assurance: string | null };
  finalLogin: 'signed-in' | 'failed';
  finalMethod: string | null;
}

export async function runStory(browser: Browser, base: string, idp: string, step: StepRecorder, lang: 'ja' | 'en' = 'ja'): Promise<StoryResult> {
  const locale = lang === 'ja' ? 'ja-JP' : 'en-US';
  const username = `taro-${Date.now().toString(36)}`;
  const line = LINE_LIKE_ACCOUNTS[0]!;
  const phone = await Device.open(browser, 'phone', { locale });
  const pc = await Device.open(browser, 'pc-with-hello', { locale });
  const result: Partial<StoryResult> = { username };

  await step('phone: sign up with a fingerprint passkey', phone.page, async () => {
    await signUp(phone.page, base, username, 'passkey', 'Android phone');
  });
  await step('phone: link LINE from the app (confirmation screen)', phone.page, async () => {
    await phone.page.goto(`${base}/link/line/confirm?action=link`);
    await phone.page.click('[data-testid=link-confirm]');
    await lineLogin(phone.page, phone.page, line.email, line.password!, line.sub, idp);
    await phone.page.waitForURL(/\/account\?linked=line/, { timeout: 20_000 });
  });

  await step('PC: log in the marketplace way → the dialog cannot be used', pc.page, async () => {
    const outcome = await loginUsernameFirst(pc.page, base, username, { transportsMode: 'omit', declaredOs: '10', declaredBluetooth: 'absent' });
    if (outcome !== 'failed') throw new Error('the PC was expected to fail to log in');
    await pc.page.waitForSelector('[data-testid=explanation]', { timeout: 15_000 });
    result.failedKind = await pc.page.getAttribute('[data-testid=explanation]', 'data-kind');
    result.failedMockupText = (await pc.page.textContent('[data-testid=dialog-mockup]')) ?? '';
  });

  await step('PC: Cancel → または / or → Log in with Google (not linked)', pc.page, async () => {
    await pc.page.click('[data-testid=fallback-google]');
    await pc.page.click('[data-testid=google-account] >> nth=0');
    await pc.page.click('[data-testid=google-continue]');
    await pc.page.waitForURL(/\/login\?error=not_linked/, { timeout: 20_000 });
  });

  await step('PC: Log in with LINE, number confirmed on the phone, consent with friend toggle', pc.page, async () => {
    await pc.page.click('[data-testid=fallback-line]');
    await lineLogin(pc.page, phone.page, line.email, line.password!, line.sub, idp);
    await pc.page.waitForURL(/\/account\?via=line/, { timeout: 20_000 });
    result.afterLine = await sessionOf(pc.page, base);
  });

  await step('PC: step-up with the phone passkey (hybrid)', pc.page, async () => {
    const [credential] = await phone.credentials();
    const disconnect = await pc.reachPhoneOverHybrid(credential!);
    await pc.page.click('[data-testid=step-up]');
    await pc.page.waitForSelector('[data-testid=low-assurance][hidden]', { state: 'attached', timeout: 20_000 });
    await disconnect();
    result.afterStepUp = await sessionOf(pc.page, base);
  });

  await step('PC: register a passkey on this PC (Windows Hello)', pc.page, async () => {
    await pc.page.click('[data-testid=register-here]');
    await pc.page.waitForURL(/\/signup/);
    await pc.page.waitForFunction(() => (document.querySelector('[data-testid=username]') as HTMLInputElement | null)?.value !== '');
    await pc.page.fill('[data-testid=label]', 'This PC');
    await pc.page.click('[data-testid=register-button]');
    await pc.page.waitForSelector('[data-testid=result]:not([hidden])', { timeout: 15_000 });
  });

  await step('PC: next login needs no phone', pc.page, async () => {
    await logOut(pc.page, base);
    result.finalLogin = await loginUsernameFirst(pc.page, base, username);
    result.finalMethod = (await sessionOf(pc.page, base)).method;
  });

  await phone.close();
  await pc.close();
  return result as StoryResult;
}

/** LINE-like login: email and password on `page`, the 4-digit number typed on the phone, consent back on `page`. */
async function lineLogin(page: Page, phonePage: Page, email: string, password: string, accountSub: string, idp: string) {
  await page.fill('[data-testid=line-email]', email);
  await page.fill('[data-testid=line-password]', password);
  await page.click('[data-testid=line-login]');
  const code = (await page.textContent('[data-testid=line-code]', { timeout: 15_000 }))!.trim();
  const phoneTab = phonePage === page ? await page.context().newPage() : phonePage;
  await phoneTab.goto(`${idp}/ui/line/phone?account=${accountSub}`);
  await phoneTab.fill('[data-testid=phone-code]', code);
  await phoneTab.click('[data-testid=phone-verify]');
  await phoneTab.waitForSelector('[data-testid=phone-result][data-result=approved]');
  if (phoneTab !== phonePage) await phoneTab.close();
  // The PC's number page refreshes every 2 s and moves on once the phone confirmed.
  await page.waitForSelector('[data-testid=line-allow]', { timeout: 20_000 });
  await page.click('[data-testid=line-allow]');
}
