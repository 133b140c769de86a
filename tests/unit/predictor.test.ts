import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../server/dialogs/facts.js';
import { predictDialog } from '../../server/dialogs/predict.js';
import { RULES, TABLES, route, ruleFor, type Rule } from '../../server/dialogs/rules/index.js';
import { SOURCES } from '../../server/dialogs/sources.js';
import { en } from '../../server/dialogs/strings/en.js';
import { ja } from '../../server/dialogs/strings/ja.js';
import { SCREEN_KINDS, type PredictionInput } from '../../server/dialogs/types.js';
import { parseWindowsVersion } from '../../server/dialogs/windows-version.js';
import { HELLO, PHONE, omitted, scenarios, win10, type Scenario } from './predictor-table.js';
import { scenarios2026 } from './predictor-table-2026.js';

const all: Scenario[] = [...scenarios, ...scenarios2026];

function check(scenario: Scenario) {
  const prediction = predictDialog(scenario.input);
  expect({ rule: prediction.rule, kind: prediction.screen.kind }).toEqual({ rule: scenario.rule, kind: scenario.kind });
  if (scenario.outcome) expect(prediction.outcome.error ?? prediction.outcome.settles).toBe(scenario.outcome);
  expect(prediction.sources.length).toBeGreaterThan(0);
  expect(prediction.reasons.length).toBeGreaterThan(0);
}

describe('predictDialog: research table (docs/research/dialogs.md §3)', () => {
  it('keeps every row of the 2024 table', () => expect(scenarios.length).toBeGreaterThanOrEqual(45));
  for (const scenario of scenarios)
    it(`${scenario.name} → ${scenario.rule} / ${scenario.kind}  (${scenario.source})`, () => check(scenario));
});

describe('predictDialog: 2025-2026 table (docs/research/dialogs-2026.md)', () => {
  for (const scenario of scenarios2026)
    it(`${scenario.name} → ${scenario.rule} / ${scenario.kind}  (${scenario.source})`, () => check(scenario));

  it('cites every 2025-2026 behaviour of the note in at least one row', () => {
    const behaviours = [
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
      'A7',
      'A8',
      'B1',
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'C7',
      'D1',
      'D2',
      'D3',
      'D4',
      'E1',
      'E2',
      'F1',
      'F2',
      'G',
      'H4',
      'H9',
      'H10',
      '§I',
      '§J',
    ];
    const cited = scenarios2026.map((s) => s.source).join(' ');
    expect(behaviours.filter((b) => !new RegExp(`(^|[^A-Z0-9])${b}([^0-9]|$)`).test(cited))).toEqual([]);
  });
});

describe('the rule tables', () => {
  it('reach every rule from at least one table row', () => {
    const reached = new Set(all.map((s) => predictDialog(s.input).rule));
    expect(RULES.map((r) => r.id).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('have unique rule ids and cover every screen kind', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    // 'none-rejected' is now only a follow-up ("after Cancel"); a call that settles without UI is 'no-ui'.
    const kinds = new Set(all.flatMap((s) => [s.kind, ...predictDialog(s.input).then.map((step) => step.kind)]));
    expect(SCREEN_KINDS.filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('cite sources that resolve to docs/research/ in this repository', () => {
    for (const rule of RULES) {
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      expect(rule.evidence.length, rule.id).toBeGreaterThan(10);
      for (const key of rule.sources) {
        const { doc, anchor } = SOURCES[key];
        const path = new URL(`../../docs/research/${doc}`, import.meta.url);
        expect(existsSync(path), `${rule.id}: ${key} → ${doc}`).toBe(true);
        expect(readFileSync(path, 'utf8'), `${rule.id}: ${key} → "${anchor}"`).toContain(anchor);
      }
      if (rule.row)
        expect(readFileSync(new URL('../../docs/research/dialogs.md', import.meta.url), 'utf8')).toContain(
          `| ${rule.row} |`,
        );
    }
  });

  it('end every route with a catch-all, so any valid input gets an answer', () => {
    const oses = ['windows', 'macos', 'linux', 'chromeos', 'android', 'ios'] as const;
    const browsers = ['chrome', 'edge', 'firefox', 'safari', 'embedded'] as const;
    const requests: NonNullable<PredictionInput['request']>[] = [
      {},
      omitted(),
      { mediation: 'conditional' },
      { mediation: 'immediate' },
      { uiMode: 'immediate' },
      { mediation: 'silent' },
      { uiMode: 'immediate', mediation: 'conditional' },
      { hints: ['hybrid', 'security-key', 'client-device'] },
    ];
    let count = 0;
    for (const os of oses)
      for (const browser of browsers)
        for (const browserVersion of [90, 116, 125, 131, 140, 148, 156, 17, 26])
          for (const ceremony of ['get', 'create'] as const)
            for (const request of requests)
              for (const bluetooth of ['absent', 'off', 'on'] as const) {
                const input: PredictionInput = {
                  ceremony,
                  request,
                  credentials: [PHONE, HELLO],
                  client: { os, browser, browserVersion, bluetooth, osVersion: 'nonsense 12' },
                };
                const rule = ruleFor(deriveFacts(input, 'localhost'));
                expect(
                  route(deriveFacts(input, 'localhost')).some((table) =>
                    (TABLES[table] as readonly { id: string }[]).some((r) => r.id === rule.id),
                  ),
                ).toBe(true);
                count++;
              }
    expect(count).toBeGreaterThan(5000);
  });

  it('types reason, remedy and source keys, so a typo fails the type-check (npx tsc)', () => {
    // @ts-expect-error: not a reason key
    const reasons: Rule['reasons'] = ['no-such-reason'];
    // @ts-expect-error: not a remedy key
    const remedies: Rule['remedies']['user'] = ['buy-a-security-key'];
    // @ts-expect-error: not a source key
    const sources: Rule['sources'] = ['[C99]'];
    expect(
      [reasons, remedies, sources]
        .flat()
        .every((key) => !(key in en.reasons) && !(key in en.remedies) && !(key in SOURCES)),
    ).toBe(true);
  });

  it('has every string key used by a rule in both catalogues', () => {
    for (const rule of RULES) {
      for (const key of rule.reasons) expect(ja.reasons[key], rule.id).toBeTruthy();
      for (const key of [...rule.remedies.user, ...rule.remedies.relyingParty])
        expect(ja.remedies[key], rule.id).toBeTruthy();
    }
    expect(Object.keys(ja.eras).sort()).toEqual(Object.keys(en.eras).sort());
  });
});

describe('facts the page reports', () => {
  const linux150 = {
    os: 'linux',
    browser: 'chrome',
    browserVersion: 150,
    bluetooth: 'absent',
    platformAuthenticator: false,
  } as const;

  it('lets getClientCapabilities() win over the version table', () => {
    const immediate = (capabilities?: Record<string, boolean>) =>
      predictDialog({
        ceremony: 'get',
        request: { uiMode: 'immediate' },
        credentials: [PHONE],
        client: { ...linux150, ...(capabilities ? { capabilities } : {}) },
      });
    expect(immediate().rule).toBe('immediate-nothing-local');
    expect(immediate({ immediateGet: false }).rule).toBe('desktop-usb-only');
    expect(immediate({ immediateGet: false }).assumptions.join(' ')).toMatch(/does not know uiMode/);
    const upgrade = (capabilities: Record<string, boolean>) =>
      predictDialog({
        ceremony: 'create',
        request: { mediation: 'conditional' },
        client: { ...linux150, capabilities },
      }).rule;
    expect(upgrade({ conditionalCreate: true })).toBe('conditional-create-refused');
    expect(upgrade({ conditionalCreate: false })).toBe('create-desktop-security-key');
  });

  it('drops a signalled GPM passkey from what is local only where the browser has the Signal API (Chrome 132+)', () => {
    const gpm = (browserVersion: number) =>
      predictDialog({
        ceremony: 'get',
        request: { allowCredentials: [{ id: 'cred-gpm', transports: ['internal', 'hybrid'] }] },
        credentials: [{ ...PHONE, id: 'cred-gpm', location: 'this-device', signalled: 'unknown' }],
        client: { ...win10, osVersion: '11 24H2', browserVersion, syncedProviders: ['google-password-manager'] },
      }).rule;
    expect(gpm(131)).toBe('gpm-passkey-list');
    expect(gpm(150)).toBe('windows-chooser');
  });
});

describe('Windows versions', () => {
  it('reads every common spelling of a release the same way', () => {
    for (const spelling of [
      '11 22H2',
      '11-22H2',
      '11 22h2',
      'Windows 11 22H2',
      'win11 22h2',
      '11_22H2',
      '10.0.22621',
      '22621',
    ]) {
      expect(parseWindowsVersion(spelling), spelling).toMatchObject({
        major: 11,
        release: '22H2',
        api: 4,
        doubt: null,
      });
    }
    expect(parseWindowsVersion('10.0.22631')).toMatchObject({ release: '23H2', api: 6 });
    expect(parseWindowsVersion('26100')).toMatchObject({ release: '24H2', api: 8 });
    expect(parseWindowsVersion('10.0.26200.1234')).toMatchObject({ release: '25H2', api: 9 });
    expect(parseWindowsVersion('11 25H2')).toMatchObject({ release: '25H2', api: 9 });
    expect(parseWindowsVersion('10')).toMatchObject({ major: 10, api: 3, doubt: null });
    expect(parseWindowsVersion('10.0.19045')).toMatchObject({ major: 10, release: '22H2', api: 3 });
    expect(parseWindowsVersion('11 21H2')).toMatchObject({ api: 3 });
  });

  it('reports unknown spellings, releases and builds in assumptions instead of mapping them silently', () => {
    const assumptions = (osVersion: string) =>
      predictDialog({
        ceremony: 'get',
        request: omitted(),
        credentials: [PHONE],
        client: { ...win10, osVersion },
      }).assumptions.join(' ');
    expect(assumptions('Vista')).toMatch(/not recognised \("Vista"/);
    expect(assumptions('11 26H1')).toMatch(/release unknown: assumed Windows 11 24H2/);
    expect(assumptions('11')).toMatch(/release unknown/);
    expect(assumptions('10.0.26120')).toMatch(/26120 → Windows 11 24H2/);
    expect(assumptions('11 22h2')).toBe(assumptions('11-22H2'));
    // The same request in both spellings gets the same answer (dialogs-2026.md H11).
    const rule = (osVersion: string) =>
      predictDialog({
        ceremony: 'get',
        request: omitted(),
        credentials: [PHONE],
        client: { ...win10, osVersion, bluetooth: 'on' },
      }).rule;
    expect(rule('11 21H2')).toBe(rule('11-21H2'));
    expect(rule('11 21H2')).toBe('windows-mechanism-list');
  });

  it('uses plugin providers only on Windows 11 25H2 and says so otherwise', () => {
    const ONEPASSWORD = {
      id: 'p',
      aaguid: 'bada5566-a7aa-401f-bd96-45619a55120d',
      location: 'other-computer' as const,
    };
    const on = (osVersion: string, pluginProviders: string[]) =>
      predictDialog({
        ceremony: 'get',
        request: {},
        credentials: [ONEPASSWORD],
        client: { ...win10, browserVersion: 150, osVersion, pluginProviders },
      });
    expect(on('11 25H2', ['1password']).screen.options[0]).toBe('Your passkey — From 1Password');
    expect(on('11 24H2', ['1Password']).assumptions.join(' ')).toMatch(/need Windows 11 25H2/);
    expect(on('11 25H2', ['Acme Vault']).assumptions.join(' ')).toMatch(/"Acme Vault" is not in the AAGUID list/);
  });
});

describe('predictDialog: output', () => {
  const headline: PredictionInput = {
    ceremony: 'get',
    request: omitted(),
    credentials: [PHONE],
    client: { ...win10, bluetooth: 'absent' },
  };

  it('gives the headline scenario in Japanese with the real Windows strings', () => {
    const prediction = predictDialog({ ...headline, locale: 'ja' }, 'market.example');
    expect(prediction.screen).toMatchObject({
      kind: 'windows-security-key',
      owner: 'windows',
      title: 'Windows セキュリティ',
      buttons: ['キャンセル'],
    });
    expect(prediction.screen.body).toContain('セキュリティ キーを USB ポートに挿入します');
    expect(prediction.screen.body).toContain('market.example にサインインしてください');
    expect(prediction.screen.body).toContain('Google LLC によって発行された Chrome');
    expect(prediction.remedies.user.join()).toContain('セキュリティキーを買う必要はありません');
    expect(prediction.confidence).toBe('reported');
  });

  it('gives the headline scenario in English, marked as a paraphrase', () => {
    const prediction = predictDialog(headline, 'market.example');
    expect(prediction.screen.title).toBe('Windows Security');
    expect(prediction.screen.body).toContain('Insert your security key into the USB port.');
    expect(prediction.screen.paraphrase).toBe(true);
    expect(prediction.then.map((s) => s.kind)).toEqual(['none-rejected']);
    expect(prediction.reasons.join(' ')).toMatch(/Windows 10 cannot talk to phones/);
    expect(prediction.remedies.relyingParty.join(' ')).toMatch(/transports/);
  });

  it('says what it assumed when facts are missing', () => {
    const prediction = predictDialog({
      ceremony: 'get',
      request: omitted(),
      credentials: [PHONE],
      client: { os: 'windows', browser: 'chrome' },
    });
    expect(prediction.assumptions.join(' ')).toMatch(/Windows 11 24H2/);
    expect(prediction.assumptions.join(' ')).toMatch(/Bluetooth/);
    expect(prediction.screen.kind).toBe('windows-passkey-chooser');
  });

  it('lists the Chrome mechanism labels and the follow-up screens (row 2)', () => {
    const prediction = predictDialog({
      ceremony: 'get',
      request: omitted(),
      credentials: [PHONE],
      client: { ...win10, bluetooth: 'off' },
      locale: 'ja',
    });
    expect(prediction.screen.options).toEqual([
      'Windows Hello または外部セキュリティ キー',
      'スマートフォン、タブレット、またはセキュリティ キーを使用する',
    ]);
    expect(prediction.then.map((s) => s.kind)).toEqual(['chrome-turn-on-bluetooth', 'windows-security-key']);
  });

  it('marks inferred rules as inferred', () => {
    const prediction = predictDialog({
      ceremony: 'get',
      request: { ...omitted(), hints: ['client-device'] },
      credentials: [PHONE],
      client: { ...win10, platformAuthenticator: true },
    });
    expect(prediction.confidence).toBe('inferred');
  });

  it('has every string key used by a rule in both catalogues', () => {
    for (const rule of RULES) {
      for (const key of rule.reasons) {
        expect(en.reasons, rule.id).toHaveProperty([key]);
        expect(ja.reasons, rule.id).toHaveProperty([key]);
      }
      for (const key of [...rule.remedies.user, ...rule.remedies.relyingParty]) {
        expect(en.remedies, rule.id).toHaveProperty([key]);
        expect(ja.remedies, rule.id).toHaveProperty([key]);
      }
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
    }
  });
});
