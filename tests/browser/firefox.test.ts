import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxAvailable, FIREFOX_PATH, FIREFOX_PROBES, observeFirefox, type FirefoxRun } from '../gallery/firefox.js';
import { disagreements, linuxClient, predictFor } from '../gallery/observations.js';
import { normalise, x11ToolsAvailable } from '../gallery/x11.js';

// Debian's firefox-esr, headed under Xvfb, pressed by real X clicks; each page reports its own outcome and the
// prompt is read by OCR. Every observation is compared with the predictor's answer for Firefox on Linux.
const enabled = (() => {
  if (firefoxAvailable() && x11ToolsAvailable()) return true;
  if (process.env.CI === 'true')
    throw new Error(
      `CI=true but ${FIREFOX_PATH}, xvfb, xdotool, imagemagick or tesseract-ocr is missing (apt-get install -y firefox-esr xvfb xdotool imagemagick tesseract-ocr).`,
    );
  console.warn('Skipping the Firefox tests: install firefox-esr xvfb xdotool imagemagick tesseract-ocr to run them.');
  return false;
})();

describe.runIf(enabled)('real firefox-esr agrees with the predictor (Linux, no security key)', () => {
  const output = mkdtempSync(join(tmpdir(), 'firefox-gallery-'));
  let run: FirefoxRun;
  beforeAll(async () => {
    run = await observeFirefox(output, 1);
    console.info(`getClientCapabilities() in ${run.version}: ${JSON.stringify(run.capabilities)}`);
  }, 420_000);
  afterAll(() => rmSync(output, { recursive: true, force: true }));
  const observation = (id: string) => {
    const found = run.observations.find((o) => o.id === id);
    if (!found) throw new Error(`no observation ${id}`);
    return found;
  };

  it('records its version and getClientCapabilities()', () => {
    expect(run.version).toMatch(/^Firefox \d+\.\d+/);
    for (const o of run.observations) expect(o.browser).toBe(run.version);
    for (const key of [
      'conditionalCreate',
      'conditionalGet',
      'hybridTransport',
      'passkeyPlatformAuthenticator',
      'signalUnknownCredential',
    ]) {
      expect(typeof run.capabilities[key], key).toBe('boolean');
    }
  });

  it.each(FIREFOX_PROBES.map((probe) => [probe.id, probe.label]))('%s (%s): observed = predicted', (id) => {
    const o = observation(id);
    expect(
      o.disagreements,
      `${o.label} on ${o.browser}: observed ${JSON.stringify(o.observed)}, predicted ${JSON.stringify(o.predicted)}`,
    ).toEqual([]);
  });

  it('ignores uiMode: the same prompt as an ordinary get, dismissed by a real Escape', () => {
    const ordinary = observation('firefox-get-modal').observed;
    const immediate = observation('firefox-immediate-ignored').observed;
    expect(ordinary).toMatchObject({
      settles: 'pending-until-user-acts',
      sheet: 'firefox-security-key',
      error: 'NotAllowedError',
    });
    expect(immediate).toMatchObject({ settles: ordinary.settles, sheet: ordinary.sheet, error: ordinary.error });
  });

  it("rejects mediation 'immediate' (TypeError) and conditional create (NotSupportedError) with no prompt on the page's screen", () => {
    for (const [id, error] of [
      ['firefox-mediation-immediate', 'TypeError'],
      ['firefox-conditional-create', 'NotSupportedError'],
    ] as const) {
      const o = observation(id);
      expect(o.observed, id).toMatchObject({ settles: 'rejects', error, sheet: null });
      // The capture is of this very page (its button names the case), taken before the page moved on.
      expect(normalise(o.observed.screenText), id).toContain(normalise(id));
    }
  });

  it('the comparison can fail: asked about Chrome 150, the predictor disagrees with what Firefox did', () => {
    const o = observation('firefox-immediate-ignored');
    const { prediction } = predictFor({
      ...o.input,
      client: linuxClient('chrome', '150.0.0.0', { capabilities: { immediateGet: true } }),
    });
    expect(disagreements(o.observed, prediction)).not.toEqual([]);
  });
});
