import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// /lab shows, for any described PC, the marketplace request, immediate UI mode and best practice side by side; the
// page only describes the PC, the server predicts and plans (POST /api/dialogs/compare).

describe.runIf(browserTestsEnabled())('/lab: marketplace, immediate UI mode and best practice side by side', () => {
  let browser: Browser;
  let stack: Stack;

  withLabAndChromium((started) => ({ browser, stack } = started));

  const SEED_PC = {
    account: 'phone-gpm',
    stored: 'none',
    os: 'windows',
    osVersion: '10',
    bluetooth: 'absent',
    hello: '1',
    activation: '1',
    transportsMode: 'omit',
    mediation: 'modal',
    uv: 'preferred',
    browser: 'chrome',
    browserVersion: '150',
  };
  const pc = (overrides: Record<string, string> = {}) => new URLSearchParams({ ...SEED_PC, ...overrides }).toString();

  async function open(query: string, lang: 'ja' | 'en') {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'lang', value: lang, url: stack.labUrl }]);
    const page = await context.newPage();
    await page.goto(`${stack.labUrl}/lab?${query}`);
    await page.waitForSelector('[data-testid=lab-immediate] [data-testid=explanation]');
    await page.waitForSelector('[data-testid=lab-best] [data-testid=explanation]');
    const kind = (column: string) =>
      page.getAttribute(`[data-testid=lab-${column}] [data-testid=explanation]`, 'data-kind');
    return { page, context, kind };
  }

  it('Chrome 150 on the seed-story PC, in English: USB prompt / no UI / immediate first', async () => {
    const { page, context, kind } = await open(pc(), 'en');
    expect(await kind('marketplace')).toBe('windows-security-key');
    expect(await kind('immediate')).toBe('no-ui');
    expect(await page.getAttribute('[data-testid=lab-immediate] [data-testid=outcome]', 'data-settles')).toBe(
      'rejects',
    );
    expect(await page.textContent('[data-testid=lab-immediate] [data-testid=outcome]')).toContain('NotAllowedError');
    expect(
      await page.$$eval('[data-testid=lab-best] h3[data-step]', (hs) => hs.map((h) => h.getAttribute('data-step'))),
    ).toEqual(['immediate', 'own-page', 'modal']);
    expect(await page.textContent('#immediate-request')).toContain('"uiMode": "immediate"');
    await context.close();
  });

  it('Firefox on the same PC, in Japanese: immediate UI mode is ignored and the USB prompt comes back', async () => {
    const { page, context, kind } = await open(pc({ browser: 'firefox', browserVersion: '140' }), 'ja');
    expect(await kind('immediate')).toBe('windows-security-key');
    expect(await page.textContent('[data-testid=lab-immediate]')).toContain('Windows セキュリティ');
    expect(await page.textContent('[data-testid=lab-immediate]')).toContain('uiMode');
    expect(
      await page.$$eval('[data-testid=lab-best] h3[data-step]', (hs) => hs.map((h) => h.getAttribute('data-step'))),
    ).toEqual(['conditional', 'modal']);
    await context.close();
  });

  it('the form expresses the new facts: incognito makes immediate reject, a 25H2 plugin passkey opens Windows', async () => {
    const hello = await open(pc({ osVersion: '11-24H2', account: 'windows-hello', stored: 'reported' }), 'en');
    expect(await hello.kind('immediate')).toBe('windows-hello');
    await hello.context.close();
    const incognito = await open(
      pc({ osVersion: '11-24H2', account: 'windows-hello', stored: 'reported', incognito: '1' }),
      'en',
    );
    expect(await incognito.kind('immediate')).toBe('no-ui');
    expect(await incognito.page.textContent('[data-testid=lab-immediate]')).toContain('Incognito');
    await incognito.context.close();
    const plugin = await open(pc({ osVersion: '11-25H2', account: 'onepassword', 'plugin-1password': '1' }), 'en');
    expect(await plugin.kind('immediate')).toBe('windows-passkey-chooser');
    expect(await plugin.page.textContent('[data-testid=lab-immediate]')).toContain('From 1Password');
    await plugin.context.close();
  });
});
