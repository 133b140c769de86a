import type { Facts } from '../facts.js';
import { CREATE_RULES } from './create.js';
import { DESKTOP_CHROME_RULES } from './desktop-chrome.js';
import { MEDIATION_AND_MOBILE_RULES } from './mediation.js';
import { OTHER_BROWSER_RULES } from './other-browsers.js';
import type { Rule } from './shared.js';
import { WINDOWS_CHROME_RULES } from './windows-chrome.js';

// The predictor's rules, read top to bottom; the first whose `when` holds decides. Each row names the research
// table row it encodes (dialogs.md §3, "row N") and its sources (§10). Adding a browser version means adding a row
// in the file for its platform.
export const RULES: Rule[] = [
  ...MEDIATION_AND_MOBILE_RULES,
  ...OTHER_BROWSER_RULES,
  ...CREATE_RULES,
  ...WINDOWS_CHROME_RULES,
  ...DESKTOP_CHROME_RULES,
];

export function ruleFor(facts: Facts): Rule {
  const rule = RULES.find((candidate) => candidate.when(facts));
  if (!rule) throw new Error('no predictor rule matched; the table must end with catch-alls');
  return rule;
}

export { windowsButton, chromeOwnsPhone, type OptionKey, type Rule, type Step } from './shared.js';
