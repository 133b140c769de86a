import { loginUsernameFirst, loginUsernameless, logOut, sessionOf, signUp } from '../support/lab-pages.js';
import { runStory } from '../support/story-flow.js';
import { scenario, type Scenario } from './define.js';

// The named browser scenarios `npm run scenario` runs (the same flows tests/browser/*.test.ts asserts on).

const accountOf = (page: import('playwright-core').Page, base: string) =>
  page.evaluate(async (url) => (await fetch(`${url}/api/account`)).json(), base) as Promise<{
    credentials: { backedUp: boolean; flaggedClone: boolean }[];
  }>;

export const SCENARIOS: Scenario[] = [
  scenario(
    'story',
    {
      en: 'The whole story: phone passkey, the USB prompt on the PC explained, Google refused, LINE with the number, step-up, a passkey on the PC',
      ja: '物語の全体：スマホのパスキー、PC の USB ダイアログの説明、Google は拒否、LINE と認証番号、本人確認、PC にパスキー',
    },
    {
      failedKind: 'windows-security-key',
      afterLine: 'social:line/low',
      afterStepUp: 'hybrid/high',
      finalLogin: 'signed-in',
    },
    async ({ browser, base, idp, lang, step }) => {
      const result = await runStory(browser, base, idp, (name, _page, run) => step(name, run), lang);
      return {
        failedKind: result.failedKind,
        afterLine: `${result.afterLine.method}/${result.afterLine.assurance}`,
        afterStepUp: `${result.afterStepUp.method}/${result.afterStepUp.assurance}`,
        finalLogin: result.finalLogin,
      };
    },
  ),
  scenario(
    'usb-only-pc',
    {
      en: "A phone's passkey on a PC whose only authenticator is a USB port: the login fails, the sheet is explained, the fallbacks open",
      ja: 'USB ポートしかない PC でスマホのパスキー：ログインは失敗し、画面の説明と代わりのログインが出る',
    },
    { outcome: 'failed', explained: true, fallbacks: true },
    async ({ base, open, step, fresh }) => {
      const phone = await open('phone');
      const pc = await open('pc-without-hello');
      const username = fresh('usb-only');
      await step('phone: sign up with a passkey', () => signUp(phone.page, base, username));
      const outcome = await step('PC: log in the marketplace way (transports omitted)', () =>
        loginUsernameFirst(pc.page, base, username, { transportsMode: 'omit' }),
      );
      const sheet = await step('PC: read the explanation', async () => {
        await pc.page.waitForSelector('[data-testid=explanation]', { timeout: 15_000 });
        return pc.page.getAttribute('[data-testid=explanation]', 'data-kind');
      });
      return {
        outcome,
        explained: sheet !== null,
        predictedSheet: sheet,
        fallbacks: await pc.page.isVisible('[data-testid=fallbacks]'),
      };
    },
  ),
  scenario(
    'synced-copy',
    {
      en: 'The same passkey synced into the PC logs in; the backup-state change is seen',
      ja: 'PC に同期された同じパスキーでログインでき、バックアップ状態の変化が記録される',
    },
    { outcome: 'signed-in', backedUpNow: false },
    async ({ base, open, step, fresh }) => {
      const phone = await open('phone');
      const pc = await open('pc-with-hello');
      const username = fresh('synced');
      await step('phone: sign up with a passkey', () => signUp(phone.page, base, username));
      await step('sync the credential into the PC', async () => {
        const [credential] = await phone.credentials();
        await pc.addCredential(credential!);
        await pc.setCredentialProperties(credential!.credentialId, { backupEligibility: true, backupState: false });
      });
      const outcome = await step('PC: log in', () => loginUsernameFirst(pc.page, base, username));
      return { outcome, backedUpNow: (await accountOf(pc.page, base)).credentials[0]?.backedUp };
    },
  ),
  scenario(
    'security-key',
    {
      en: 'A USB security key (cross-platform) registers and logs in',
      ja: 'USB セキュリティキー（外付け）を登録してログイン',
    },
    { attachment: 'cross-platform', transports: 'usb', outcome: 'signed-in' },
    async ({ base, open, step, fresh }) => {
      const key = await open('usb-key');
      const username = fresh('key');
      await step('register the key', () => signUp(key.page, base, username, 'key'));
      const attachment = await key.page.textContent('[data-fact=attachment]');
      const transports = await key.page.textContent('[data-fact=transports]');
      await step('log out', () => logOut(key.page, base));
      const outcome = await step('log in with the key', () => loginUsernameFirst(key.page, base, username));
      return { attachment, transports, outcome };
    },
  ),
  scenario(
    'usernameless',
    { en: 'A discoverable passkey logs in without a username', ja: 'ユーザー名なしで、見つけられるパスキーでログイン' },
    { outcome: 'signed-in', sameUser: true },
    async ({ base, open, step, fresh }) => {
      const phone = await open('phone');
      const username = fresh('usernameless');
      await step('sign up with a passkey', () => signUp(phone.page, base, username));
      await step('log out', () => logOut(phone.page, base));
      const outcome = await step('log in without a username', () => loginUsernameless(phone.page, base));
      return { outcome, sameUser: (await sessionOf(phone.page, base)).user?.username === username };
    },
  ),
  scenario(
    'uv-failing',
    {
      en: 'User verification required but the device cannot verify: refused, still signed out',
      ja: '本人確認（UV）必須なのに端末が確認できない：拒否され、ログインしないまま',
    },
    { outcome: 'failed', signedIn: false },
    async ({ base, open, step, fresh }) => {
      const phone = await open('phone');
      const username = fresh('uv');
      await step('sign up with a passkey', () => signUp(phone.page, base, username));
      await step('log out; the device stops verifying the user', async () => {
        await logOut(phone.page, base);
        await phone.setUserVerified(false);
      });
      const outcome = await step('log in with UV required', () =>
        loginUsernameFirst(phone.page, base, username, { userVerification: 'required' }),
      );
      return { outcome, signedIn: (await sessionOf(phone.page, base)).user !== null };
    },
  ),
  scenario(
    'bogus-signature',
    {
      en: 'An authenticator returns a bad signature: the server refuses it',
      ja: '認証器が不正な署名を返す：サーバーが拒否する',
    },
    { outcome: 'failed' },
    async ({ base, open, step, fresh }) => {
      const phone = await open('phone');
      const username = fresh('bogus');
      await step('sign up with a passkey', () => signUp(phone.page, base, username));
      await step('log out; the next signature is bogus', async () => {
        await logOut(phone.page, base);
        await phone.setResponseOverrideBits({ isBogusSignature: true });
      });
      return { outcome: await step('log in', () => loginUsernameFirst(phone.page, base, username)) };
    },
  ),
  scenario(
    'cloned-key',
    {
      en: 'A cloned security key: its counter goes backwards, it is refused and flagged',
      ja: '複製されたセキュリティキー：カウンターが戻り、拒否されて印が付く',
    },
    { original: 'signed-in', clone: 'failed', flagged: true },
    async ({ base, open, step, fresh }) => {
      const original = await open('usb-key');
      const clone = await open('usb-key');
      const username = fresh('clone');
      await step('register the original key', () => signUp(original.page, base, username, 'key'));
      await step('copy it into a second key', async () => {
        const [credential] = await original.credentials();
        await clone.addCredential(credential!);
        await logOut(original.page, base);
      });
      const first = await step('log in with the original', () => loginUsernameFirst(original.page, base, username));
      const second = await step('log in with the clone', () => loginUsernameFirst(clone.page, base, username));
      return {
        original: first,
        clone: second,
        flagged: (await accountOf(original.page, base)).credentials[0]?.flaggedClone,
      };
    },
  ),
];
