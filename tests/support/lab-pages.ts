import type { Page } from 'playwright-core';

// Page objects for the lab's real pages, shared by the browser tests and the demo run.

export interface LoginKnobs {
  strategy?: 'marketplace' | 'best-practice';
  transportsMode?: 'stored' | 'omit' | 'add-hybrid';
  userVerification?: 'preferred' | 'required' | 'discouraged';
  declaredBluetooth?: 'absent' | 'off' | 'on';
  declaredOs?: '10' | '11-22H2' | '11-24H2';
}

/** The lab's pages whose controls need their script: served inert until it is ready (server/plugins/pages.ts). */
export const SCRIPTED_PAGES = [
  '/login?autofill=off',
  '/signup',
  '/account',
  '/lab',
  '/history',
  '/lost-phone',
  '/check',
  '/staff/login',
] as const;

/**
 * A lab page's script has run its start: it has attached its handlers (the page is served inert until then,
 * client/src/lib/ready.ts, so Playwright's actions wait for it too) and the header says who is signed in (mountNav).
 * The pages' module scripts finish after the load event that goto waits for (their catalogue is imported with a
 * top-level await).
 */
export async function pageReady(page: Page) {
  await page.waitForSelector('body[data-ready]:not([inert])', { state: 'attached' });
  await page.waitForFunction(() => (document.querySelector('[data-testid=session-status]')?.textContent ?? '') !== '');
}

/** /login is ready (pageReady) and has started autofill or waits for a focus to start it (data-autofill). */
export async function loginPageReady(page: Page) {
  await pageReady(page);
  await page.waitForSelector('#login-form[data-autofill]', { state: 'attached' });
}

export async function signUp(
  page: Page,
  base: string,
  username: string,
  preset: 'passkey' | 'key' = 'passkey',
  label?: string,
) {
  await page.goto(`${base}/signup`);
  await pageReady(page);
  await page.fill('[data-testid=username]', username);
  if (label) await page.fill('[data-testid=label]', label);
  await page.click(`[data-testid=preset-${preset}]`);
  await page.click('[data-testid=register-button]');
  await page.waitForSelector('[data-testid=result]:not([hidden])', { timeout: 15_000 });
}

export async function logOut(page: Page, base: string) {
  await page.evaluate(async (url) => {
    await fetch(`${url}/api/session/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  }, base);
}

export async function openLogin(page: Page, base: string, knobs: LoginKnobs = {}) {
  // Autofill (conditional UI) would sign a device holding a passkey in on its own; these flows test the modal request.
  await page.goto(`${base}/login?autofill=off`);
  await loginPageReady(page);
  await page.click('details.knobs summary');
  if (knobs.strategy) await page.selectOption('[data-testid=strategy]', knobs.strategy);
  if (knobs.transportsMode) await page.selectOption('[data-testid=transports-mode]', knobs.transportsMode);
  if (knobs.userVerification) await page.selectOption('[data-testid=user-verification]', knobs.userVerification);
  if (knobs.declaredBluetooth) await page.selectOption('[data-testid=declared-bluetooth]', knobs.declaredBluetooth);
  if (knobs.declaredOs) await page.selectOption('[data-testid=declared-os]', knobs.declaredOs);
}

/** Username-first login, the marketplace's way. Resolves when the page signed in or explained a failure. */
export async function loginUsernameFirst(page: Page, base: string, username: string, knobs: LoginKnobs = {}) {
  await openLogin(page, base, knobs);
  await page.fill('[data-testid=username]', username);
  await page.click('[data-testid=login-button]');
  return settle(page);
}

export async function loginUsernameless(page: Page, base: string, knobs: LoginKnobs = {}) {
  await openLogin(page, base, knobs);
  await page.click('[data-testid=usernameless-button]');
  return settle(page);
}

async function settle(page: Page): Promise<'signed-in' | 'failed'> {
  const outcome = await Promise.race([
    page.waitForURL(/\/account/, { timeout: 20_000 }).then(() => 'signed-in' as const),
    page.waitForSelector('[data-testid=status][data-tone=error]', { timeout: 20_000 }).then(() => 'failed' as const),
  ]);
  return outcome;
}

export async function sessionOf(page: Page, base: string) {
  return page.evaluate(async (url) => (await fetch(`${url}/api/session`)).json(), base) as Promise<{
    user: { username: string } | null;
    method: string | null;
    assurance: string | null;
  }>;
}
