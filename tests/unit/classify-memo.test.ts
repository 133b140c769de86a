import { describe, expect, it } from 'vitest';
import {
  CLASSIFY_MEMO_SIZE,
  classifyDialog,
  classifyDialogFresh,
  classifyMemoSize,
} from '../../server/dialogs/predict.js';
import { scenarios, type Scenario } from './predictor-table.js';
import { scenarios2026 } from './predictor-table-2026.js';

// classifyDialog remembers its answers (every login's options call it); a remembered answer must be the one a fresh
// classification gives for that very input, never a neighbour's.
const all: Scenario[] = [...scenarios, ...scenarios2026];

describe('classifyDialog memo', () => {
  it('answers every table row as a fresh classification does, first and remembered', () => {
    for (const scenario of all) {
      const fresh = classifyDialogFresh(scenario.input);
      expect(fresh.rule).toBe(scenario.rule);
      expect(classifyDialog(scenario.input)).toEqual(fresh);
      expect(classifyDialog(structuredClone(scenario.input))).toEqual(fresh);
    }
  });

  it('never hands one input the answer of another that shares its client', () => {
    // The table has inputs with the same client and different answers; a memo keyed on less than the whole input
    // (the client, the request alone) would return the first one's answer for the second.
    const byClient = new Map<string, Set<string>>();
    for (const { input } of all) {
      const rules = byClient.get(JSON.stringify(input.client)) ?? new Set();
      byClient.set(JSON.stringify(input.client), rules.add(classifyDialogFresh(input).rule));
    }
    expect([...byClient.values()].some((rules) => rules.size > 1)).toBe(true);
    for (const scenario of [...all].reverse())
      expect(classifyDialog(scenario.input)).toEqual(classifyDialogFresh(scenario.input));
    // The site is part of the input too.
    const [first] = all;
    expect(classifyDialog(first!.input, 'example.com')).toEqual(classifyDialogFresh(first!.input, 'example.com'));
  });

  it('stays bounded and right when more inputs come than it keeps', () => {
    for (let i = 0; i < CLASSIFY_MEMO_SIZE + 50; i++) {
      const { input } = all[i % all.length]!;
      const site = `site-${i}.example`;
      expect(classifyDialog(input, site)).toEqual(classifyDialogFresh(input, site));
    }
    expect(classifyMemoSize()).toBe(CLASSIFY_MEMO_SIZE);
    for (const { input } of all) expect(classifyDialog(input)).toEqual(classifyDialogFresh(input));
  });

  it('hands out answers that cannot be changed in place', () => {
    const { input } = all[0]!;
    const answer = classifyDialog(input);
    expect(() => Object.assign(answer, { rule: 'changed' })).toThrow();
    expect(classifyDialog(input).rule).toBe(classifyDialogFresh(input).rule);
  });
});
