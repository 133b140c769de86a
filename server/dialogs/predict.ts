import { deriveFacts, type Facts } from './facts.js';
import { ruleFor, STEP_OWNERS, type OptionKey, type Rule, type Step } from './rules/index.js';
import { describeSources } from './sources.js';
import { interpolate } from '../i18n.js';
import { en, type Catalogue } from './strings/en.js';
import { ja } from './strings/ja.js';
import type { Owner, Prediction, PredictionInput, Screen, ScreenKind } from './types.js';

// Renders the deciding rule row: everything about the answer (screen, owner, options, outcome, era) is on the row or
// in the facts; this file only fills the catalogue's text.

const CATALOGUES: Record<'ja' | 'en', Catalogue> = { ja, en };

function renderScreen(
  kind: ScreenKind,
  owner: Owner,
  optionKeys: readonly OptionKey[],
  catalogue: Catalogue,
  values: Record<string, string>,
  after?: Step['after'],
): Screen {
  const text = catalogue.screens[kind];
  return {
    kind,
    owner,
    title: interpolate(text.title, values),
    body: interpolate(text.body, values),
    buttons: [...text.buttons],
    options: optionKeys.map((key) => interpolate(catalogue.options[key], values)),
    paraphrase: text.paraphrase,
    ...(after ? { after: catalogue.after[after] } : {}),
  };
}

const optionsOf = (rule: Rule, facts: Facts): readonly OptionKey[] =>
  typeof rule.options === 'function' ? rule.options(facts) : (rule.options ?? []);

function classifyFresh(input: PredictionInput, defaultSite: string) {
  const facts = deriveFacts(input, defaultSite);
  const rule = ruleFor(facts);
  return Object.freeze({
    kind: rule.screen,
    owner: rule.owner,
    rule: rule.id,
    confidence: rule.confidence,
    outcome: rule.outcome,
    era: facts.era,
    assumptions: facts.assumptions.length + (rule.assumes?.length ?? 0),
  });
}

/** How many answers classifyDialog remembers; the oldest is forgotten first. */
export const CLASSIFY_MEMO_SIZE = 1000;
const classified = new Map<string, ReturnType<typeof classifyFresh>>();

/**
 * The decision alone (no text): which sheet, by which rule, how sure. Runs on every login's options, so answers are
 * remembered: it is a pure function of plain data (no clock, no randomness, no `in` or key walks, so two inputs with
 * the same JSON get the same answer), and the same account asked from the same browser gives the same input.
 */
export function classifyDialog(input: PredictionInput, defaultSite = 'localhost') {
  const key = JSON.stringify([input, defaultSite]);
  let answer = classified.get(key);
  if (!answer) {
    answer = classifyFresh(input, defaultSite);
    if (classified.size >= CLASSIFY_MEMO_SIZE) classified.delete(classified.keys().next().value!);
    classified.set(key, answer);
  }
  return answer;
}

/** classifyDialog without its memo, and the memo's size (tests/unit/classify-memo.test.ts compares the two). */
export const classifyDialogFresh = (input: PredictionInput, defaultSite = 'localhost') =>
  classifyFresh(input, defaultSite);
export const classifyMemoSize = () => classified.size;

/** The pure predictor: which sheet a request opens on a client, why, and the ways out. No I/O. */
export function predictDialog(input: PredictionInput, defaultSite = 'localhost'): Prediction {
  const locale = input.locale ?? 'en';
  const catalogue = CATALOGUES[locale];
  const facts = deriveFacts(input, defaultSite);
  const rule = ruleFor(facts);
  const [caller, publisher] = catalogue.callers[facts.browser] as [string, string];
  const values: Record<string, string> = {
    site: facts.site,
    caller,
    publisher,
    windows: facts.windows?.label ?? 'Windows',
    browser: caller,
    version: String(facts.browserVersion),
    provider: facts.local.plugin ?? facts.plugins[0] ?? '',
    error: rule.outcome.error ?? '',
  };
  values.outcome = interpolate(catalogue.outcomes[rule.outcome.settles], values);

  return {
    screen: renderScreen(rule.screen, rule.owner, optionsOf(rule, facts), catalogue, values),
    outcome: rule.outcome,
    then: (rule.then?.(facts) ?? []).map((step) =>
      renderScreen(step.kind, STEP_OWNERS[step.kind], step.options ?? [], catalogue, values, step.after),
    ),
    reasons: rule.reasons.map((key) => interpolate(catalogue.reasons[key], values)),
    remedies: {
      user: rule.remedies.user.map((key) => interpolate(catalogue.remedies[key], values)),
      relyingParty: rule.remedies.relyingParty.map((key) => interpolate(catalogue.remedies[key], values)),
    },
    assumptions: [
      ...facts.assumptions.map(({ key, value }) => interpolate(catalogue.assumptions[key], { value })),
      ...(rule.assumes ?? []).map((key) => interpolate(catalogue.assumptions[key], values)),
    ],
    sources: describeSources(rule.sources),
    confidence: rule.confidence,
    rule: rule.id,
    era: catalogue.eras[facts.era],
  };
}
