import { deriveFacts, type Facts } from './facts.js';
import { ruleFor, windowsButton, type OptionKey, type Rule, type Step } from './rules/index.js';
import { describeSources } from './sources.js';
import { en, type Catalogue } from './strings/en.js';
import { ja } from './strings/ja.js';
import type { Owner, Prediction, PredictionInput, Screen, ScreenKind } from './types.js';

const CATALOGUES: Record<'ja' | 'en', Catalogue> = { ja, en };

const OWNERS: Record<ScreenKind, Owner | 'mobile'> = {
  'windows-security-key': 'windows',
  'windows-hello': 'windows',
  'windows-passkey-chooser': 'windows',
  'chrome-mechanism-list': 'chrome',
  'chrome-qr': 'chrome',
  'chrome-security-key': 'chrome',
  'chrome-no-passkeys': 'chrome',
  'chrome-passkey-list': 'chrome',
  'chrome-phone-confirmation': 'chrome',
  'chrome-turn-on-bluetooth': 'chrome',
  'chrome-turn-on-windows-hello': 'chrome',
  'apple-passkey-sheet': 'safari',
  'apple-security-key': 'safari',
  'firefox-security-key': 'firefox',
  'mobile-passkey-sheet': 'mobile',
  autofill: 'chrome',
  'none-rejected': 'none',
};

function ownerOf(kind: ScreenKind, facts: Facts): Owner {
  const owner = OWNERS[kind];
  if (owner === 'mobile') return facts.os === 'ios' ? 'ios' : 'android';
  if (kind === 'autofill') return facts.browser === 'safari' ? 'safari' : facts.browser === 'firefox' ? 'firefox' : 'chrome';
  if (owner === 'safari' && facts.browser !== 'safari') return facts.os === 'ios' ? 'ios' : 'safari';
  return owner;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function windowsName(facts: Facts, locale: 'ja' | 'en'): string {
  const label = facts.windowsLabel ?? '';
  const version = label.replace(/^(\d+).*$/, '$1') === '10' ? '10' : '11';
  const release = label.includes('-') ? ` ${label.split('-')[1]!.toUpperCase()}` : '';
  return locale === 'ja' ? `Windows ${version}${release}` : `Windows ${version}${release}`;
}

function renderScreen(kind: ScreenKind, optionKeys: OptionKey[], facts: Facts, catalogue: Catalogue, values: Record<string, string>, after?: Step['after']): Screen {
  const text = catalogue.screens[kind];
  return {
    kind,
    owner: ownerOf(kind, facts),
    title: fill(text.title, values),
    body: fill(text.body, values),
    buttons: [...text.buttons],
    options: optionKeys.map((key) => fill(catalogue.options[key], values)),
    paraphrase: text.paraphrase,
    ...(after ? { after: catalogue.after[after] } : {}),
  };
}

function defaultOptions(kind: ScreenKind, facts: Facts): OptionKey[] {
  if (kind === 'windows-passkey-chooser') return ['win11-phone', 'win11-linked', 'win11-key'];
  if (kind === 'chrome-mechanism-list') {
    const label = windowsButton(facts);
    return label.present ? [label.internal ? 'windows-hello-or-key' : 'external-key', 'phone-tablet-or-key'] : ['phone-tablet-or-key'];
  }
  return [];
}

/** The decision alone (no text): which sheet, by which rule, how sure. Cheap enough for every login. */
export function classifyDialog(input: PredictionInput, defaultSite = 'localhost') {
  const facts = deriveFacts(input, defaultSite);
  const rule = ruleFor(facts);
  return { kind: rule.screen, owner: OWNERS[rule.screen] === 'mobile' ? (facts.os === 'ios' ? 'ios' : 'android') : ownerOf(rule.screen, facts), rule: rule.id, confidence: rule.confidence, assumptions: facts.assumptions.length };
}

/** The pure predictor: which sheet a request opens on a client, why, and the ways out. No I/O. */
export function predictDialog(input: PredictionInput, defaultSite = 'localhost'): Prediction {
  const locale = input.locale ?? 'en';
  const catalogue = CATALOGUES[locale];
  const facts = deriveFacts(input, defaultSite);
  const rule: Rule = ruleFor(facts);
  const [caller, publisher] = catalogue.callers[facts.browser];
  const values = {
    site: facts.site,
    caller: caller!,
    publisher: publisher!,
    windows: windowsName(facts, locale),
    browser: caller!,
    version: String(facts.browserVersion),
  };

  const screen = renderScreen(rule.screen, rule.options?.(facts) ?? defaultOptions(rule.screen, facts), facts, catalogue, values);
  const then = (rule.then?.(facts) ?? []).map((step) =>
    renderScreen(step.kind, step.options ?? defaultOptions(step.kind, facts), facts, catalogue, values, step.after),
  );
  const era = !facts.chromium || facts.os === 'android' || facts.os === 'ios' ? 'other' : facts.browserVersion < 117 ? 'old' : 'modern';

  return {
    screen,
    then,
    reasons: rule.reasons.map((key) => fill(catalogue.reasons[key as keyof Catalogue['reasons']], values)),
    remedies: {
      user: rule.remedies.user.map((key) => fill(catalogue.remedies[key as keyof Catalogue['remedies']], values)),
      relyingParty: rule.remedies.relyingParty.map((key) => fill(catalogue.remedies[key as keyof Catalogue['remedies']], values)),
    },
    assumptions: facts.assumptions.map(({ key, value }) => fill(catalogue.assumptions[key], { value })),
    sources: describeSources(rule.sources),
    confidence: rule.confidence,
    rule: rule.id,
    era: catalogue.eras[era],
  };
}
