import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureGallery, galleryToolsAvailable, type Gallery } from '../gallery/capture.js';
import { CHROMIUM_PROBES } from '../gallery/chromium-2026.js';
import { disagreements, linuxClient, predictFor } from '../gallery/observations.js';

// The one platform where a prediction can be checked against the real browser automatically: Chromium on Linux
// without Bluetooth, headed under Xvfb. OCR reads each real sheet; a real X Escape dismisses it. Every observation
// is compared with the predictor's answer for this very machine, and a disagreement fails.
const enabled = (() => {
  if (galleryToolsAvailable()) return true;
  if (process.env.CI === 'true')
    throw new Error('CI=true but chromium, xvfb, xdotool, imagemagick or tesseract-ocr is missing (see .ci/run).');
  console.warn(
    'Skipping the real-dialog gallery test: install chromium xvfb xdotool imagemagick tesseract-ocr to run it.',
  );
  return false;
})();

describe.runIf(enabled)(
  'real Chromium sheets and 2026 behaviours agree with the predictor (Linux, no Bluetooth)',
  () => {
    const output = mkdtempSync(join(tmpdir(), 'gallery-'));
    let gallery: Gallery;
    beforeAll(async () => {
      gallery = await captureGallery(output);
      // Recorded in every run's log, next to the version that reported them.
      for (const [browser, capabilities] of Object.entries(gallery.capabilities))
        console.info(`getClientCapabilities() in ${browser}: ${JSON.stringify(capabilities)}`);
    }, 420_000);
    afterAll(() => rmSync(output, { recursive: true, force: true }));
    const observation = (id: string) => {
      const found = gallery.observations.find((o) => o.id === id);
      if (!found) throw new Error(`no observation ${id}`);
      return found;
    };

    it('reads the title of every real sheet and finds the predicted one', () => {
      const sheets = gallery.shots.slice(0, 9);
      for (const shot of sheets) {
        expect(shot.ocrText.toLowerCase(), `${shot.variant}: predicted ${shot.predicted}`).toContain(
          shot.expectedTitle.toLowerCase(),
        );
      }
      // Both of this platform's sheets occur, so a wrong prediction would show up.
      expect(new Set(sheets.map((shot) => shot.predicted))).toEqual(
        new Set(['chrome-security-key', 'chrome-no-passkeys']),
      );
    });

    it('names the browser version next to every picture and records getClientCapabilities()', () => {
      expect(gallery.shots).toHaveLength(9 + CHROMIUM_PROBES.length);
      // The manifest GET /api/gallery serves to /lab carries each picture's browser.
      const manifest = JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8')) as Gallery;
      for (const shot of manifest.shots) expect(shot.browser).toMatch(/^Chromium \d+\.\d+\.\d+\.\d+$/);
      const [plain, withAuthenticator] = Object.values(gallery.capabilities);
      // The feature-detection entries the login page relies on are present and boolean.
      for (const key of [
        'immediateGet',
        'conditionalCreate',
        'conditionalGet',
        'hybridTransport',
        'passkeyPlatformAuthenticator',
        'signalUnknownCredential',
      ]) {
        expect(typeof plain![key], key).toBe('boolean');
      }
      // No platform authenticator here; the virtual one makes the platform entries true.
      expect(plain!.passkeyPlatformAuthenticator).toBe(false);
      expect(withAuthenticator!.passkeyPlatformAuthenticator).toBe(true);
    });

    it.each(CHROMIUM_PROBES.map((probe) => [probe.id, probe.label]))('%s (%s): observed = predicted', (id) => {
      const o = observation(id);
      expect(
        o.disagreements,
        `${o.label} on ${o.browser}: observed ${JSON.stringify(o.observed)}, predicted ${JSON.stringify(o.predicted)}`,
      ).toEqual([]);
    });

    it("uiMode 'immediate' with no credential rejects on its own with NotAllowedError and leaves no sheet on the screen", () => {
      const o = observation('immediate-nothing-known');
      expect(o.observed).toMatchObject({ settles: 'rejects', error: 'NotAllowedError', sheet: null });
      // The screen was read: the browser's address bar (the site) is there, no sheet title is.
      expect(o.observed.screenText).toMatch(/localhost/);
    });

    it('each immediate refusal is the one asked for (Chromium says which rule refused)', () => {
      // Without these, "no activation" or "allow list" could pass by being the plain "nothing known" refusal.
      expect(observation('immediate-nothing-known').observed.message).toMatch(/no immediate discoverable credentials/i);
      expect(observation('immediate-allow-list').observed.message).toMatch(/allowCredentials/);
      expect(observation('immediate-no-activation').observed.message).toMatch(/user activation/i);
      expect(observation('immediate-with-conditional').observed.message).toMatch(/conditional/i);
    });

    it('uiMode inside publicKey is never read: the ordinary security-key sheet appears', () => {
      expect(observation('immediate-inside-publickey').observed).toMatchObject({
        settles: 'pending-until-user-acts',
        sheet: 'chrome-security-key',
      });
    });

    it('a sheet that waits for the user is read by OCR and dismissed by a real Escape (NotAllowedError)', () => {
      for (const id of ['create-no-attachment', 'create-cross-platform', 'create-platform']) {
        expect(observation(id).observed, id).toMatchObject({
          settles: 'pending-until-user-acts',
          error: 'NotAllowedError',
        });
      }
      expect(observation('create-platform').observed.sheet).toBe('chrome-device-not-usable');
    });

    it('the comparison can fail: the same observations disagree with the predictor asked about Chrome 131', () => {
      // Chrome 131 knew neither uiMode nor conditional create; the predictor says so, and the real 150 differs.
      for (const id of ['immediate-nothing-known', 'conditional-create']) {
        const o = observation(id);
        const { prediction } = predictFor({ ...o.input, client: linuxClient('chrome', '131.0.0.0') });
        expect(disagreements(o.observed, prediction), id).not.toEqual([]);
      }
    });
  },
);
