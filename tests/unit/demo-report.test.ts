import { describe, expect, it } from 'vitest';
import { demoOutputDir, NARRATIVE, renderReport, snapLine, type DemoStep } from '../demo/report.js';
import { STEP_NAMES } from '../support/story-flow.js';

// `npm run demo`'s report: per-language folders, a presenter's sentence per step, pictures under their own step.

describe('the demo report', () => {
  it('keeps each language in its own folder', () => {
    expect(demoOutputDir('/repo', 'ja')).toBe('/repo/demo-output/ja');
    expect(demoOutputDir('/repo', 'en')).toBe('/repo/demo-output/en');
  });

  it('has a sentence of narrative for every step of the story, in both languages', () => {
    for (const lang of ['ja', 'en'] as const) {
      expect(NARRATIVE[lang]).toHaveLength(STEP_NAMES[lang].length);
      for (const sentence of NARRATIVE[lang]) expect(sentence.length).toBeGreaterThan(20);
    }
    expect(NARRATIVE.ja[2]).toContain('セキュリティ キーを USB ポートに挿入します');
    expect(NARRATIVE.en[2]).toContain('Insert your security key into the USB port');
  });

  it("puts each step's narrative and its own pictures inside that step's section", () => {
    const steps: DemoStep[] = STEP_NAMES.en
      .slice(0, 3)
      .map((name, i) => ({
        index: i + 1,
        name,
        ms: 10,
        file: `step-0${i + 1}.png`,
        ok: true,
        snaps: i === 1 ? [{ label: 'LINE-like login', file: 'step-02-1.png' }] : [],
      }));
    const html = renderReport('en', steps, 0, 100);
    const sections = html.split('<section ').slice(1);
    expect(sections).toHaveLength(3);
    expect(sections[1]).toContain(NARRATIVE.en[1]);
    expect(sections[1]).toContain('step-02-1.png');
    expect(sections[0]).not.toContain('step-02-1.png');
    expect(sections[2]).not.toContain('step-02-1.png');
    expect(html).toContain('<html lang="en">');
    expect(snapLine('LINE-like login', 'step-02-1.png')).toMatch(/^ {4}· LINE-like login → step-02-1\.png$/);
  });
});
