import type { Facts } from '../facts.js';
import { CONDITIONAL_CREATE_RULES, CONDITIONAL_GET_RULES } from './conditional.js';
import { CREATE_RULES } from './create.js';
import { DESKTOP_CHROME_RULES } from './desktop-chrome.js';
import { IMMEDIATE_RULES } from './immediate.js';
import { FIREFOX_RULES, MOBILE_RULES, SAFARI_RULES } from './other-browsers.js';
import { REQUEST_RULES } from './request.js';
import type { Rule } from './shared.js';
import { WINDOWS_CHROME_RULES } from './windows-chrome.js';
import { NO_BROWSER_LAYER_RULES } from './windows-no-layer.js';

// The one place that decides. `route` chooses the ordered tables for an input, explicitly; within the route the first
// row whose gates (era, version range, OS, ceremony) and `when` hold decides. Every route ends in a table whose last
// row has no `when`, so every valid input gets an answer. Adding a browser version: see docs/predictor.md.
export const TABLES = {
  'request-shape': REQUEST_RULES,
  immediate: IMMEDIATE_RULES,
  'conditional-get': CONDITIONAL_GET_RULES,
  'conditional-create': CONDITIONAL_CREATE_RULES,
  mobile: MOBILE_RULES,
  safari: SAFARI_RULES,
  firefox: FIREFOX_RULES,
  'windows-no-browser-layer': NO_BROWSER_LAYER_RULES,
  'chromium-create': CREATE_RULES,
  'chromium-windows': WINDOWS_CHROME_RULES,
  'chromium-desktop': DESKTOP_CHROME_RULES,
} as const satisfies Record<string, Rule[]>;
export type TableName = keyof typeof TABLES;

/** The tables an input is judged by, in order: the request's shape, its mode, then the platform's modal sheets. */
export function route(f: Facts): TableName[] {
  const tables: TableName[] = ['request-shape'];
  if (f.immediate) tables.push('immediate');
  if (f.mediation === 'conditional') tables.push(f.ceremony === 'get' ? 'conditional-get' : 'conditional-create');
  if (f.os === 'android' || f.os === 'ios') tables.push('mobile');
  else if (f.os === 'windows' && (f.browser === 'firefox' || f.browser === 'embedded'))
    tables.push('windows-no-browser-layer');
  else if (f.browser === 'safari') tables.push('safari');
  else if (f.browser === 'firefox') tables.push('firefox');
  else if (f.ceremony === 'create') tables.push('chromium-create');
  else tables.push(f.os === 'windows' ? 'chromium-windows' : 'chromium-desktop');
  return tables;
}

export function applies(rule: Rule, f: Facts): boolean {
  return (
    rule.eras.includes(f.era) &&
    (rule.since === undefined || f.browserVersion >= rule.since) &&
    (rule.until === undefined || f.browserVersion < rule.until) &&
    (rule.os === undefined || rule.os.includes(f.os)) &&
    (rule.ceremony === undefined || rule.ceremony === f.ceremony) &&
    (rule.when === undefined || rule.when(f))
  );
}

/**
 * Embedded Chromium (Electron, in-app browsers) outside Windows shares Chrome's rows, but no source says what it draws:
 * it lacks Chrome's dialog layer (dialogs.md row 23 and §2 say so for Windows only). A Chrome sheet is then a guess.
 */
function asEmbedded(rule: Rule, facts: Facts): Rule {
  if (facts.era !== 'embedded' || facts.os === 'windows' || rule.owner !== 'chrome') return rule;
  return { ...rule, confidence: 'inferred', assumes: [...(rule.assumes ?? []), 'embedded-like-chrome'] };
}

export function ruleFor(facts: Facts): Rule {
  for (const table of route(facts)) {
    for (const rule of TABLES[table]) if (applies(rule, facts)) return asEmbedded(rule, facts);
  }
  throw new Error('no predictor rule matched; every route must end with a catch-all');
}

export const RULES: Rule[] = Object.values(TABLES).flat();

export { STEP_OWNERS, type OptionKey, type ReasonKey, type RemedyKey, type Rule, type Step } from './shared.js';
