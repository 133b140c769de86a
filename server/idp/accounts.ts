// Seeded demo identities of the mock identity providers (listed in docs/fallback-logins.md). Nothing here is a real account.

export interface DemoIdentity {
  /** oidc-provider account id = the ID token's sub. */
  sub: string;
  email: string;
  name: string;
  /** Every demo identity has its own login: nobody can claim one by picking it from a list. */
  password: string;
  /**
   * LINE-like only: what signs "LINE on your phone" in. Real LINE registers the phone app with an SMS to the phone
   * number; the demo stands that in with a fixed code per identity, so the password alone never reaches the phone.
   */
  phoneSmsCode?: string;
}

export const GOOGLE_LIKE_ACCOUNTS: DemoIdentity[] = [
  {
    sub: '109876543210987654321',
    email: 'taro.personal@gmail.example',
    name: 'Taro Yamada (demo)',
    password: 'google-demo-taro',
  },
  {
    sub: '100200300400500600700',
    email: 'hanako.demo@gmail.example',
    name: 'Hanako Sato (demo)',
    password: 'google-demo-hanako',
  },
];

// LINE user IDs are "U" + 32 hex digits.
export const LINE_LIKE_ACCOUNTS: DemoIdentity[] = [
  {
    sub: 'U1a2b3c4d5e6f708192a3b4c5d6e7f809',
    email: 'taro@line.example',
    name: 'たろう (demo)',
    password: 'line-demo-1234',
    phoneSmsCode: '246810',
  },
  {
    sub: 'U0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    email: 'hanako@line.example',
    name: 'はなこ (demo)',
    password: 'line-demo-5678',
    phoneSmsCode: '135790',
  },
];

export const findGoogleLike = (sub: string) => GOOGLE_LIKE_ACCOUNTS.find((account) => account.sub === sub);
export const findLineLike = (sub: string) => LINE_LIKE_ACCOUNTS.find((account) => account.sub === sub);
export const normaliseEmail = (value: unknown) =>
  String(value ?? '')
    .trim()
    .toLowerCase();
