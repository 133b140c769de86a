import { join } from 'node:path';
import { captureGallery, galleryToolsAvailable } from './capture.js';

// `npm run gallery`: real Chromium WebAuthn sheets for every request variant the lab can send, shown on /lab.
if (!galleryToolsAvailable()) {
  console.error('The gallery needs chromium, xvfb, imagemagick and tesseract-ocr: sudo apt-get install -y chromium xvfb imagemagick tesseract-ocr');
  process.exit(1);
}
const output = join(process.cwd(), 'gallery-output');
const gallery = await captureGallery(output, { log: (line) => console.log(line) });
const agreeing = gallery.shots.filter((shot) => shot.titleMatches).length;
console.log(`${gallery.chromium}: ${agreeing}/${gallery.shots.length} real sheets agree with the predictor. Written to ${output}; see them on /lab (OS: Linux).`);
