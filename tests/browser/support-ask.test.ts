import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../server/support/invites.js';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { loginUsernameFirst, sessionOf, signUp } from '../support/lab-pages.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// Issue 12 point 4's second fix in Chromium: a staff member asks a customer to add a passkey on their PC; at the next
// sign-in on the PC (with the phone, over hybrid) the account page offers it plainly; the customer adds one with the
// PC's own (virtual) authenticator; the ask is cleared and the audit log shows the ask and the answer. A self-check
// sent while signed in is filed under the account.

describe.runIf(browserTestsEnabled())('"add a passkey on this PC" in Chromium', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await releaseChromium(browser);
    await stack?.close();
  });

  it('staff apply it after seeing its effect, the customer signs in on the PC with the phone, adds a passkey here, and the audit log shows both', async () => {
    const phone = await Device.open(browser, 'phone', { locale: 'ja-JP' });
    await signUp(phone.page, stack.labUrl, 'kenji', 'passkey', 'Android');

    // Staff: the fix lists the PCs whose window would change, as the predictor says, before anything is applied.
    const staff = await Device.open(browser, 'pc-with-hello', { locale: 'en-US' });
    await staff.page.goto(createInvite(stack.running.lab.repos, stack.labUrl, null).link);
    await staff.page.fill('[data-testid=staff-name]', 'Sato');
    await staff.page.click('[data-testid=enroll-button]');
    await staff.page.waitForURL(/\/support$/);
    // The console's forms are in the page before its script (after GET /api/support/me) listens to them; the staff
    // header is drawn in the same turn as the listeners.
    await staff.page.waitForSelector('[data-testid=staff-status]');
    await staff.page.fill('[data-testid=lookup-username]', 'kenji');
    await staff.page.click('[data-testid=lookup-button]');
    const card = staff.page.locator('[data-testid=fix][data-fix=add-passkey-here]');
    await card.waitFor();
    expect(await card.locator('li[data-device]').count()).toBeGreaterThan(0);
    expect(await card.locator('li[data-device=windows-11-25h2-chrome-bt-on-hello-yes]').textContent()).toMatch(
      /Windows Hello/,
    );
    await card.locator('[data-testid=fix-apply]').click();
    await staff.page.waitForSelector('[data-testid=fix-asked]');
    // The console re-reads the account, then (another request) the audit log.
    await staff.page.waitForFunction(() =>
      /Sato.*changed kenji/.test(document.querySelector('[data-testid=audit]')?.textContent ?? ''),
    );
    expect(await staff.page.textContent('[data-testid=audit]')).toMatch(/Sato.*changed kenji/);
    const kenji = stack.running.lab.repos.accounts.findByUsername('kenji')!;
    expect(stack.running.lab.repos.supportAsks.find(kenji.id, 'add-passkey-here')).toBeDefined();

    // The customer, on the PC, signs in with the phone (hybrid): the page asks plainly, in Japanese.
    const pc = await Device.open(browser, 'pc-with-hello', { locale: 'ja-JP' });
    const [phonePasskey] = await phone.credentials();
    const disconnect = await pc.reachPhoneOverHybrid(phonePasskey!);
    expect(await loginUsernameFirst(pc.page, stack.labUrl, 'kenji', { transportsMode: 'add-hybrid' })).toBe(
      'signed-in',
    );
    await disconnect();
    expect((await sessionOf(pc.page, stack.labUrl)).method).toBe('hybrid');
    await pc.page.waitForSelector('[data-testid=support-ask]');
    expect(await pc.page.textContent('[data-testid=support-ask] h2')).toContain('このパソコンにパスキー');
    expect(await pc.page.isVisible('[data-testid=offer-local-passkey]')).toBe(false);

    await pc.page.click('[data-testid=support-ask-add]');
    await pc.page.waitForSelector('[data-testid=support-ask-status][data-tone=ok]', { timeout: 15_000 });
    const made = await pc.credentials();
    expect(made).toHaveLength(1);
    expect(
      stack.running.lab.repos.credentials.findById(Buffer.from(made[0]!.credentialId, 'base64').toString('base64url')),
    ).toMatchObject({ accountId: kenji.id, attachment: 'platform' });
    expect(stack.running.lab.repos.supportAsks.find(kenji.id, 'add-passkey-here')).toBeUndefined();
    // Asked once: the next visit shows no card.
    await pc.page.reload();
    await pc.page.waitForSelector('[data-testid=credentials] tr[data-credential]');
    // The page offers its own "passkey on this PC" only after support's ask came back empty (one offer at a time).
    await pc.page.waitForSelector('[data-testid=offer-local-passkey]:visible');
    expect(await pc.page.locator('[data-testid=support-ask]').count()).toBe(0);

    // The console: both the ask and the answer, under the staff member who asked.
    await staff.page.click('[data-testid=lookup-button]');
    await staff.page.waitForFunction(() =>
      /kenji added a PC passkey as asked/.test(document.querySelector('[data-testid=audit]')?.textContent ?? ''),
    );
    const audit = await staff.page.textContent('[data-testid=audit]');
    expect(audit).toMatch(/Sato · kenji added a PC passkey as asked/);
    expect(audit).toMatch(/Sato.*changed kenji/);
    expect(await staff.page.locator('[data-testid=fix-asked]').count()).toBe(0);

    // The same customer, still signed in on the PC, sends a self-check: it is filed under their account, so the console
    // opens it with the account (a typed name alone would not; tests/browser/support-console.test.ts).
    await pc.page.goto(`${stack.labUrl}/check`);
    await pc.page.waitForSelector('[data-testid=check-signed-in-as]');
    await pc.page.check('[data-testid=consent]');
    await pc.page.click('[data-testid=send-button]');
    const code = (await pc.page.locator('[data-testid=code-value]').textContent())!;
    await staff.page.fill('[data-testid=lookup-username]', '');
    await staff.page.fill('[data-testid=check-code]', code);
    await staff.page.click('[data-testid=check-code-button]');
    await staff.page.waitForSelector('[data-testid=check-signed-in]');
    expect(await staff.page.textContent('[data-testid=check-signed-in]')).toContain('kenji');
    expect(await staff.page.locator('[data-testid=check-typed]').count()).toBe(0);
    await staff.page.waitForFunction(
      () => (document.querySelector<HTMLInputElement>('[data-testid=lookup-username]')?.value ?? '') === 'kenji',
    );
    await staff.page.waitForSelector('[data-testid=matrix]');
    await Promise.all([phone.close(), staff.close(), pc.close()]);
  }, 90_000);
});
