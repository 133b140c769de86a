import { join } from 'node:path';
import { captureGallery, galleryToolsAvailable } from './capture.js';
import { firefoxAvailable } from './firefox.js';

// `npm run gallery`: real Chromium WebAuthn sheets for every request variant the lab can send, shown on /lab.
if (!galleryToolsAvailable()) {
  console.error(
    'The gallery needs chromium, xvfb, xdotool, imagemagick and tesseract-ocr: sudo apt-get install -y chromium xvfb xdotool imagemagick tesseract-ocr',
  );
  process.exit(1);
}
// The folder /lab reads (server/lab/routes.ts): GALLERY_DIR, else ./gallery-output.
const output = process.env.GALLERY_DIR || join(process.cwd(), 'gallery-output');
// firefox-esr too when it is installed (Debian's package); without it the gallery is Chromium's alone.
const gallery = await captureGallery(output, { log: (line) => console.log(line), firefox: firefoxAvailable() });
const agreeing = gallery.shots.filter((shot) => shot.titleMatches).length;
const browsers = [...new Set(gallery.shots.map((shot) => shot.browser))].join(', ');
console.log(
  `${browsers}: ${agreeing}/${gallery.shots.length} real pictures agree with the predictor. Written to ${output}; see them on /lab (OS: Linux).`,
);
for (const [browser, capabilities] of Object.entries(gallery.capabilities))
  console.log(`getClientCapabilities() in ${browser}: ${JSON.stringify(capabilities)}`);
