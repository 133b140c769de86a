import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import {
  loginPageReady,
  loginUsernameFirst,
  loginUsernameless,
  logOut,
  openLogin,
  sessionOf,
  signUp,
} from '../support/lab-pages.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// Each scenario drives the lab's real pages in Chromium with CDP virtual authenticators.

describe.runIf(browserTestsEnabled())('virtual-authenticator scenarios', () => {
  let browser: Browser;
  let stack: Stack;
  let base: string;
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    stack = await startStack({ IDP_MODE: 'mock' });
    base = stack.labUrl;
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await releaseChromium(browser);
    await stack?.close();
  });

  const accountOf = (device: Device) =>
    device.page.evaluate(async (url) => (await fetch(`${url}/api/account`)).json(), base);

  it('a phone passkey cannot log in on a PC whose only authenticator is a USB port: explanation and fallbacks', async () => {
    const phone = await Device.open(browser, 'phone');
    const pc = await Device.open(browser, 'pc-without-hello');
    const username = fresh('story');
    await signUp(phone.page, base, username);
    expect(await loginUsernameFirst(pc.page, base, username, { transportsMode: 'omit' })).toBe('failed');
    expect(await pc.page.getAttribute('[data-testid=username]', 'autocomplete')).toBe('username webauthn');
    await pc.page.waitForSelector('[data-testid=explanation]');
    expect(await pc.page.isVisible('[data-testid=fallbacks]')).toBe(true);
    expect(await pc.page.isVisible('[data-testid=fallback-line]')).toBe(true);
    // Headless Chromium on Linux without Bluetooth, transports omitted: Chrome's own USB sheet (predicted from UA + capabilities).
    expect(await pc.page.getAttribute('[data-testid=explanation]', 'data-kind')).toBe('chrome-security-key');
    expect(await pc.page.textContent('[data-testid=dialog-mockup]')).toContain('Use your security key with localhost');
    expect(await pc.page.textContent('[data-testid=explanation]')).toMatch(
      /Without Bluetooth Chrome cannot reach a phone/,
    );
    const history = stack.running.lab.db
      .prepare("SELECT outcome, error_code FROM ceremonies WHERE kind = 'authentication.failure' AND username = ?")
      .get(username);
    expect(history).toEqual({ outcome: 'cancelled', error_code: 'NotAllowedError' });
    await phone.close();
    await pc.close();
  });

  it('best practice leads with the fallbacks when the predicted sheet is a dead end; "try anyway" then explains it', async () => {
    const phone = await Device.open(browser, 'phone');
    const pc = await Device.open(browser, 'pc-with-hello');
    const username = fresh('best');
    await signUp(phone.page, base, username);
    await openLogin(pc.page, base, { strategy: 'best-practice', declaredOs: '10', declaredBluetooth: 'absent' });
    await pc.page.fill('[data-testid=username]', username);
    await pc.page.click('[data-testid=login-button]');
    await pc.page.waitForSelector('[data-testid=advice]:not([hidden])');
    expect(await pc.page.isVisible('[data-testid=fallbacks]')).toBe(true);
    expect(await pc.page.isVisible('[data-testid=explanation]')).toBe(false);
    const sent = JSON.parse((await pc.page.textContent('[data-testid=raw-options]'))!);
    expect(sent.hints).toEqual(['hybrid']);
    expect(sent.allowCredentials[0].transports).toContain('hybrid');
    await pc.page.click('#try-anyway');
    await pc.page.waitForSelector('[data-testid=explanation]');
    expect(await pc.page.getAttribute('[data-testid=explanation]', 'data-kind')).toBe('windows-security-key');
    await phone.close();
    await pc.close();
  });

  it('the story button seeds the story account and the marketplace request shows the Windows USB prompt, explained', async () => {
    const pc = await Device.open(browser, 'pc-without-hello', { locale: 'ja-JP' });
    await pc.page.goto(`${base}/login?autofill=off`);
    await loginPageReady(pc.page);
    await pc.page.click('[data-testid=story-button]');
    await pc.page.waitForSelector('[data-testid=story-facts]:not([hidden])');
    expect(await pc.page.inputValue('[data-testid=username]')).toBe('taro');
    await pc.page.click('[data-testid=login-button]');
    await pc.page.waitForSelector('[data-testid=explanation]');
    expect(await pc.page.getAttribute('[data-testid=explanation]', 'data-kind')).toBe('windows-security-key');
    expect(await pc.page.textContent('[data-testid=explanation]')).toContain('セキュリティキーを買う必要はありません');
    expect(await pc.page.isVisible('[data-testid=fallback-line]')).toBe(true);
    await pc.close();
  });

  it('the same passkey synced into the PC logs in, and the backup-state change is recorded', async () => {
    const phone = await Device.open(browser, 'phone');
    const pc = await Device.open(browser, 'pc-with-hello');
    const username = fresh('synced');
    await signUp(phone.page, base, username);
    const [credential] = await phone.credentials();
    expect(credential!.backupEligibility).toBe(true);
    await pc.addCredential(credential!);
    await pc.setCredentialProperties(credential!.credentialId, { backupEligibility: true, backupState: false });
    expect(await loginUsernameFirst(pc.page, base, username)).toBe('signed-in');
    expect((await sessionOf(pc.page, base)).user?.username).toBe(username);
    const account = await accountOf(pc);
    expect(account.credentials[0].backedUp).toBe(false);
    const login = stack.running.lab.db
      .prepare("SELECT detail FROM ceremonies WHERE kind = 'authentication.verify' AND username = ? ORDER BY id DESC")
      .get(username) as { detail: string };
    expect(JSON.parse(login.detail).backupStateChanged).toEqual({ from: true, to: false });
    await phone.close();
    await pc.close();
  });

  it('registers a USB security key (cross-platform) and logs in with it', async () => {
    const key = await Device.open(browser, 'usb-key');
    const username = fresh('key');
    await signUp(key.page, base, username, 'key');
    expect(await key.page.textContent('[data-fact=attachment]')).toBe('cross-platform');
    expect(await key.page.textContent('[data-fact=transports]')).toBe('usb');
    await logOut(key.page, base);
    expect(await loginUsernameFirst(key.page, base, username)).toBe('signed-in');
    await key.close();
  });

  it('logs in usernameless with a discoverable credential', async () => {
    const phone = await Device.open(browser, 'phone');
    const username = fresh('usernameless');
    await signUp(phone.page, base, username);
    await logOut(phone.page, base);
    expect(await loginUsernameless(phone.page, base)).toBe('signed-in');
    expect((await sessionOf(phone.page, base)).user?.username).toBe(username);
    await phone.close();
  });

  it('logs in through autofill (conditional UI) as soon as the login page opens', async () => {
    const phone = await Device.open(browser, 'phone');
    const username = fresh('autofill');
    await signUp(phone.page, base, username);
    await logOut(phone.page, base);
    // No waiting on the login page's elements here: autofill may sign in and leave the page before they are read.
    await phone.page.goto(`${base}/login`);
    const signedIn = await phone.page.waitForURL(/\/account/, { timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    // On failure, say what the page saw (the raw view records autofill errors).
    if (!signedIn)
      expect.fail(
        `autofill did not sign in: ${await phone.page.textContent('[data-testid=raw-response]', { timeout: 1000 }).catch(() => '?')}`,
      );
    expect((await sessionOf(phone.page, base)).user?.username).toBe(username);
    await phone.close();
  });

  it('refuses a login without user verification when UV is required, with a clear message', async () => {
    const phone = await Device.open(browser, 'phone');
    const username = fresh('uv');
    await signUp(phone.page, base, username);
    await logOut(phone.page, base);
    await phone.setUserVerified(false);
    expect(await loginUsernameFirst(phone.page, base, username, { userVerification: 'required' })).toBe('failed');
    expect(await phone.page.textContent('[data-testid=status]')).toMatch(
      /closed, timed out, or this device has no matching passkey/,
    );
    expect((await sessionOf(phone.page, base)).user).toBeNull();
    await phone.close();
  });

  it('refuses a bogus signature on the server', async () => {
    const phone = await Device.open(browser, 'phone');
    const username = fresh('bogus');
    await signUp(phone.page, base, username);
    await logOut(phone.page, base);
    await phone.setResponseOverrideBits({ isBogusSignature: true });
    expect(await loginUsernameFirst(phone.page, base, username)).toBe('failed');
    expect(await phone.page.textContent('[data-testid=status]')).toMatch(/could not be verified/);
    const rejected = stack.running.lab.db
      .prepare(
        "SELECT error_code FROM ceremonies WHERE kind = 'authentication.verify' AND outcome = 'rejected' ORDER BY id DESC",
      )
      .get() as { error_code: string };
    expect(rejected.error_code).toBe('verification_failed');
    await phone.close();
  });

  it('flags a counter regression (a cloned key) and refuses it', async () => {
    const original = await Device.open(browser, 'usb-key');
    const clone = await Device.open(browser, 'usb-key');
    const username = fresh('clone');
    await signUp(original.page, base, username, 'key');
    const [credential] = await original.credentials();
    await clone.addCredential(credential!);
    await logOut(original.page, base);
    expect(await loginUsernameFirst(original.page, base, username)).toBe('signed-in');
    expect(await loginUsernameFirst(clone.page, base, username)).toBe('failed');
    expect(await clone.page.textContent('[data-testid=status]')).toMatch(/counter went backwards/);
    const account = await accountOf(original);
    expect(account.credentials[0].flaggedClone).toBe(true);
    await original.close();
    await clone.close();
  });
});
