import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import { loginPageReady, sessionOf } from '../support/lab-pages.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// Issue 11 point 1: README's "Replay the story on one PC", executed as written. The words to press and to read are
// taken from README (bold English, bold Japanese in brackets), the values to type from its backticks, in order; the
// test clicks by those words only, so a README that drifts from the pages fails here.

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const START = README.indexOf('### Replay the story on one PC');
// The section ends at the paragraph on real devices, which names no on-screen words.
const END = README.indexOf('\nWith real devices:', START);
if (START < 0 || END < 0)
  throw new Error('README lost its "Replay the story on one PC" section or the paragraph after it');
const SECTION = README.slice(START, END);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const WORDS = [...SECTION.matchAll(/\*\*((?:(?!\*\*).)+?)\*\*\s*\(\*\*((?:(?!\*\*).)+?)\*\*\)/gs)].map((match) => ({
  en: squash(match[1]!),
  ja: squash(match[2]!),
}));
// What a person types: the demo identities' e-mail addresses, passwords and SMS codes.
const TYPED = [...SECTION.matchAll(/`([^`]+)`/g)]
  .map((match) => match[1]!)
  .filter((value) => /@|^[a-z]+-demo-|^\d{6}$/.test(value));

type Lang = 'en' | 'ja';

/** Reads README's words and values front to back, as a person following the steps would. */
class Reader {
  private word = 0;
  private value = 0;
  constructor(private readonly lang: Lang) {}
  next(): string {
    const words = WORDS[this.word++];
    if (!words) throw new Error('README has fewer on-screen words than the steps use');
    return words[this.lang];
  }
  values(count: number): string[] {
    const values = TYPED.slice(this.value, (this.value += count));
    if (values.length !== count) throw new Error('README has fewer values to type than the steps use');
    return values;
  }
  done() {
    expect({ words: this.word, values: this.value }).toEqual({ words: WORDS.length, values: TYPED.length });
  }
}

async function press(page: Page, name: string) {
  await page
    .getByRole('button', { name, exact: true })
    .or(page.getByRole('link', { name, exact: true }))
    .first()
    .click({ timeout: 20_000 });
}

async function see(page: Page, text: string) {
  await page.waitForFunction((wanted) => document.body.innerText.replace(/\s+/g, ' ').includes(wanted), text, {
    timeout: 20_000,
  });
}

/** "type `a` and `b`": the visible text fields of the form, top to bottom. */
async function type(page: Page, values: string[]) {
  const fields = page.locator('input:visible:not([type=hidden]):not([type=checkbox])');
  // The button before this step navigates (through redirects): the form is there once its fields are.
  await expect.poll(() => fields.count(), { timeout: 20_000 }).toBe(values.length);
  for (const [index, value] of values.entries()) await fields.nth(index).fill(value);
}

const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.runIf(browserTestsEnabled())('README "Replay the story on one PC", as written', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started));

  it('README gives every on-screen word in both languages and the demo values', () => {
    expect(WORDS.length).toBeGreaterThanOrEqual(18);
    expect(WORDS.every((words) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(words.ja))).toBe(true);
    expect(TYPED).toContain('246810');
  });

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: a Linux browser sees the Windows 10 USB prompt explained within three clicks, then Google is refused and LINE signs in`, async () => {
      const readme = new Reader(lang);
      const pc = await Device.open(browser, 'pc-with-hello', { locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const page = pc.page;
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      // A failed request shows in the console without its address, so failed responses are collected instead (the
      // browser's own favicon fetch is not among them: the page checks cover favicons).
      page.context().on('response', (response) => {
        if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          errors.push(`${page.url()}: ${message.text()}`);
      });

      // 1.
      await page.goto(`${stack.labUrl}/login`);
      await loginPageReady(page);
      // 2. Replay the story → the PC facts, said on screen.
      await press(page, readme.next());
      await see(page, readme.next());
      expect(await page.inputValue('[data-testid=username]')).toBe('taro');
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await noOverflow(page), `/login replaying the story at ${width}px`).toBe(true);
      }
      // 3. Log in with a passkey → (the browser's window; the virtual PC has no passkey for taro) → the Windows 10 prompt.
      await press(page, readme.next());
      await see(page, readme.next());
      expect(await page.getAttribute('[data-testid=explanation]', 'data-kind')).toBe('windows-security-key');
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await noOverflow(page), `/login with the explanation at ${width}px`).toBe(true);
      }
      // 4. or → Google (demo) → another account → refused, neutrally.
      await see(page, readme.next());
      await press(page, readme.next());
      await see(page, readme.next());
      await type(page, readme.values(2));
      await press(page, readme.next());
      await press(page, readme.next());
      await page.waitForURL(/\/login\?error=not_linked/);
      await see(page, readme.next());
      // 5. LINE (demo) → password → the number.
      await press(page, readme.next());
      await type(page, readme.values(2));
      await press(page, readme.next());
      const code = (await page.textContent('[data-testid=line-code]', { timeout: 20_000 }))!.trim();
      expect(code).toMatch(/^\d{4}$/);
      // 6. "LINE on your phone" in a new tab: its own sign-in, then the number.
      const [phone] = await Promise.all([page.context().waitForEvent('page'), press(page, readme.next())]);
      await phone!.waitForLoadState();
      await type(phone!, readme.values(3));
      await press(phone!, readme.next());
      await phone!.getByLabel(readme.next(), { exact: true }).first().fill(code);
      await press(phone!, readme.next());
      await phone!.waitForSelector('[data-testid=phone-result][data-result=approved]');
      await phone!.close();
      // 7. Back on the PC: consent → /account at low assurance, the step-up offered, no "passkey on this PC" yet.
      await press(page, readme.next());
      await page.waitForURL(/\/account/);
      await see(page, readme.next());
      expect(await sessionOf(page, stack.labUrl)).toMatchObject({
        user: { username: 'taro' },
        method: 'social:line',
        assurance: 'low',
      });
      await page.waitForSelector('[data-testid=identities] li[data-provider=line]');
      await page.waitForSelector('[data-testid=offer-local-passkey][data-decided]', { state: 'attached' });
      expect(await page.isVisible('[data-testid=register-here]')).toBe(false);
      // Logging out lands on a signed-out /login; "Stop replaying" gives the page back its own facts.
      await page.click('[data-testid=logout]');
      await page.waitForURL(/\/login\?signed-out/);
      await page.waitForSelector('[data-testid=story-facts]:not([hidden])');
      await press(page, readme.next());
      await page.waitForSelector('[data-testid=story-facts][hidden]', { state: 'attached' });
      expect(await page.inputValue('[data-testid=declared-os]')).toBe('');
      readme.done();
      expect(errors).toEqual([]);
      await pc.close();
    }, 120_000);
  }
});
