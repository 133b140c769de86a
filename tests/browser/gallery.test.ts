import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureGallery, galleryToolsAvailable } from '../gallery/capture.js';

// The one platform where a prediction can be checked against the real browser automatically: Chromium on Linux
// without Bluetooth, headed under Xvfb, with no virtual authenticator. OCR reads each real sheet's title.
const enabled = (() => {
  if (galleryToolsAvailable()) return true;
  if (process.env.CI === 'true') throw new Error('CI=true but chromium, xvfb, imagemagick or tesseract-ocr is missing (see .ci/run).');
  console.warn('Skipping the real-dialog gallery test: install chromium xvfb imagemagick tesseract-ocr to run it.');
  return false;
})();

describe.runIf(enabled)('real Chromium sheets agree with the predictor (Linux, no Bluetooth)', () => {
  const output = mkdtempSync(join(tmpdir(), 'gallery-'));
  afterAll(() => rmSync(output, { recursive: true, force: true }));

  it('reads the title of every real sheet and finds the predicted one', async () => {
    const gallery = await captureGallery(output);
    expect(gallery.shots).toHaveLength(9);
    for (const shot of gallery.shots) {
      expect(shot.ocrText.toLowerCase(), `${shot.variant}: predicted ${shot.predicted}`).toContain(shot.expectedTitle.toLowerCase());
    }
    // Both of this platform's sheets occur, so a wrong prediction would show up.
    expect(new Set(gallery.shots.map((shot) => shot.predicted))).toEqual(new Set(['chrome-security-key', 'chrome-no-passkeys']));
  }, 120_000);
});
