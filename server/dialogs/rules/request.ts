import { EVERY_ERA, REJECTS, type Rule } from './shared.js';

// The request's shape, checked before any UI in every browser: a member value the browser's IDL enum lacks, and the
// combinations that throw. (dialogs-2026.md A2, A3, A6, B1; observed by hand in §I and §J.)
export const REQUEST_RULES: Rule[] = [
  {
    id: 'mediation-immediate-typeerror',
    eras: EVERY_ERA,
    // Inside the origin trial (Chromium 139-147) the value existed; create() had no mediation member before conditional create.
    when: (f) =>
      f.mediationSent === 'immediate' &&
      !f.immediate &&
      (f.ceremony === 'get' || f.has.conditionalCreate || f.browser === 'firefox'),
    screen: 'no-ui',
    owner: 'none',
    outcome: REJECTS('TypeError'),
    reasons: ['origin-trial-syntax'],
    remedies: { user: ['use-fallback'], relyingParty: ['use-ui-mode', 'gate-immediate-capability'] },
    confidence: 'source',
    sources: ['2026§A2', '2026§A6', '2026§I', '2026§J', '[V-IDL]'],
    evidence:
      'Seen by hand: Chromium and firefox-esr reject mediation:"immediate" with TypeError in 1-2 ms (§I, §J). Enums read in Blink/Servo IDL [V-IDL]; the WebKit enum from the note (A6).',
  },
  {
    id: 'immediate-with-conditional',
    eras: ['chromium-2025', 'mobile'],
    ceremony: 'get',
    when: (f) => f.uiMode === 'immediate' && f.mediationSent === 'conditional' && f.has.immediateGet,
    screen: 'no-ui',
    owner: 'none',
    outcome: REJECTS('NotSupportedError'),
    reasons: ['immediate-conditional-conflict'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-on-click-only'] },
    confidence: 'source',
    sources: ['2026§A3', '[WPT]', '2026§I', '[V-BLINK]'],
    evidence:
      'Seen by hand in Chromium: NotSupportedError "Immediate uiMode is not compatible with conditional mediation" (§I); read in Blink: the first check, before any UI [V-BLINK].',
  },
  {
    id: 'firefox-conditional-create-refused',
    eras: ['firefox'],
    ceremony: 'create',
    when: (f) => f.mediationSent === 'conditional',
    screen: 'no-ui',
    owner: 'none',
    outcome: REJECTS('NotSupportedError'),
    reasons: ['firefox-no-conditional-create'],
    remedies: { user: ['use-fallback'], relyingParty: ['conditional-create-gate', 'offer-explicit-create'] },
    confidence: 'source',
    sources: ['2026§J', '2026§F2', '2026§B1', '[V-GECKO]'],
    evidence:
      'Seen by hand in firefox-esr: NotSupportedError "Unsupported credential mediation requirement" in ~1 ms (§J), and read in Gecko: create() accepts only optional/required [V-GECKO]. The note\'s B1 guessed a normal modal (inferred); code and observation win.',
  },
  {
    id: 'firefox-silent-refused',
    eras: ['firefox'],
    when: (f) => f.mediationSent === 'silent',
    screen: 'no-ui',
    owner: 'none',
    outcome: REJECTS('NotSupportedError'),
    reasons: ['firefox-silent'],
    remedies: { user: ['use-fallback'], relyingParty: ['no-silent-mediation'] },
    confidence: 'source',
    sources: ['[V-GECKO]'],
    evidence:
      'Read in Gecko: get() and create() with mediation "silent" reject with NotSupportedError before any prompt [V-GECKO]. Not tried by hand.',
  },
];
