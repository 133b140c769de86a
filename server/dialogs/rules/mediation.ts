import { SRC, anyLocalPasskey, localOptions, type Rule } from './shared.js';

// Mediation first (no modal for conditional or immediate requests), then phones, which draw their own sheet.
export const MEDIATION_AND_MOBILE_RULES: Rule[] = [
  // Mediation first: neither conditional nor immediate requests open a modal (rows 17, 18).
  {
    id: 'immediate-nothing-local',
    row: 18,
    when: (f) => f.ceremony === 'get' && f.mediation === 'immediate' && (!f.allowList.empty || !anyLocalPasskey(f)),
    screen: 'none-rejected',
    reasons: ['immediate-no-local'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-fallback'] },
    confidence: 'reported',
    sources: [SRC.immediate, SRC.immediateWpt],
  },
  {
    id: 'immediate-local-passkey',
    row: 18,
    when: (f) => f.ceremony === 'get' && f.mediation === 'immediate',
    screen: 'chrome-passkey-list',
    options: (f) => localOptions(f),
    reasons: ['immediate-local'],
    remedies: { user: ['pick-listed-passkey'], relyingParty: ['immediate-fallback'] },
    confidence: 'reported',
    sources: [SRC.immediate],
  },
  {
    id: 'conditional-autofill',
    row: 17,
    when: (f) => f.ceremony === 'get' && f.mediation === 'conditional',
    screen: 'autofill',
    reasons: ['conditional-no-modal'],
    remedies: { user: ['pick-from-autofill'], relyingParty: ['conditional-default'] },
    confidence: 'source',
    sources: [SRC.chromeController],
  },

  // Phones and tablets draw their own bottom sheet.
  {
    id: 'mobile-sheet',
    when: (f) => f.os === 'android' || f.os === 'ios',
    screen: 'mobile-passkey-sheet',
    reasons: ['mobile-sheet'],
    remedies: { user: ['mobile-pick'], relyingParty: ['store-transports'] },
    confidence: 'inferred',
    sources: [SRC.gpmDesktop],
  },
];
