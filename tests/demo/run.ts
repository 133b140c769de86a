import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumAvailable, launchChromium, CHROMIUM_PATH } from '../support/browser.js';
import { startStack } from '../support/stack.js';
import { runStory } from '../support/story-flow.js';
import { demoOutputDir, renderReport, snapLine, type DemoStep } from './report.js';

// `npm run demo [-- --lang ja|en]`: replays the whole story in Chromium, prints each step with its timing, and
// writes a screenshot per step plus one HTML report to ./demo-output/<lang>/ for support staff to click through
// (each language keeps its own report). Each step's heading is printed first, the pictures taken inside it under it.

const langArg = process.argv.indexOf('--lang');
const lang: 'ja' | 'en' = langArg > 0 && process.argv[langArg + 1] === 'en' ? 'en' : 'ja';
if (!chromiumAvailable()) {
  console.error(
    `No Chromium at ${CHROMIUM_PATH}. Install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

const output = demoOutputDir(process.cwd(), lang);
rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
const headed = Boolean(process.env.DISPLAY);
const stack = await startStack();
const browser = await launchChromium({ headless: !headed });
const timeline: DemoStep[] = [];
let pendingSnaps: { label: string; file: string }[] = [];
const started = Date.now();
console.log(`Demo (${lang}, ${headed ? 'headed' : 'headless'}): lab ${stack.labUrl}, mock providers ${stack.idpUrl}`);

let failure: unknown;
try {
  const result = await runStory(
    browser,
    stack.labUrl,
    stack.idpUrl,
    async (name, page, run) => {
      const index = timeline.length + 1;
      const t0 = Date.now();
      const file = `step-${String(index).padStart(2, '0')}.png`;
      console.log(`${String(index).padStart(2)}. ${name}`);
      try {
        await run();
        await page.screenshot({ path: join(output, file), fullPage: true });
        timeline.push({ index, name, ms: Date.now() - t0, file, ok: true, snaps: pendingSnaps });
        pendingSnaps = [];
        console.log(`    ✓ ${Date.now() - t0} ms → ${file}`);
      } catch (error) {
        await page.screenshot({ path: join(output, file), fullPage: true }).catch(() => undefined);
        timeline.push({
          index,
          name,
          ms: Date.now() - t0,
          file,
          ok: false,
          error: (error as Error).message,
          snaps: pendingSnaps,
        });
        console.log(`    ✗ FAILED: ${(error as Error).message.split('\n')[0]}`);
        throw error;
      }
    },
    lang,
    async (label, page) => {
      const file = `step-${String(timeline.length + 1).padStart(2, '0')}-${pendingSnaps.length + 1}.png`;
      await page.screenshot({ path: join(output, file), fullPage: true });
      pendingSnaps.push({ label, file });
      console.log(snapLine(label, file));
    },
  );
  console.log(
    `Predicted dialog on the PC: ${result.failedKind}; after LINE: ${result.afterLine.method}/${result.afterLine.assurance}; after step-up: ${result.afterStepUp.method}/${result.afterStepUp.assurance}; last login: ${result.finalLogin} (${result.finalMethod}).`,
  );
} catch (error) {
  failure = error;
} finally {
  await browser.close();
  await stack.close();
}

writeFileSync(join(output, 'report.html'), renderReport(lang, timeline, started, Date.now()));
console.log(`Report: ${join(output, 'report.html')}`);
if (failure) {
  console.error(failure);
  process.exit(1);
}
