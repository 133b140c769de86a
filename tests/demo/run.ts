import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../../server/idp/layout.js';
import { chromiumAvailable, launchChromium, CHROMIUM_PATH } from '../support/browser.js';
import { startStack } from '../support/stack.js';
import { runStory } from '../support/story-flow.js';

// `npm run demo [-- --lang ja|en]`: replays the whole story in Chromium, prints each step with its timing, and
// writes a screenshot per step plus one HTML report to ./demo-output/ for support staff to click through.

const langArg = process.argv.indexOf('--lang');
const lang: 'ja' | 'en' = langArg > 0 && process.argv[langArg + 1] === 'en' ? 'en' : 'ja';
if (!chromiumAvailable()) {
  console.error(`No Chromium at ${CHROMIUM_PATH}. Install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.`);
  process.exit(1);
}

const output = join(process.cwd(), 'demo-output');
rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
const headed = Boolean(process.env.DISPLAY);
const stack = await startStack();
const browser = await launchChromium({ headless: !headed });
const timeline: { index: number; name: string; ms: number; file: string; ok: boolean; error?: string; snaps: { label: string; file: string }[] }[] = [];
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
      try {
        await run();
        await page.screenshot({ path: join(output, file), fullPage: true });
        timeline.push({ index, name, ms: Date.now() - t0, file, ok: true, snaps: pendingSnaps });
        pendingSnaps = [];
        console.log(`${String(index).padStart(2)}. ${name}  (${Date.now() - t0} ms)`);
      } catch (error) {
        await page.screenshot({ path: join(output, file), fullPage: true }).catch(() => undefined);
        timeline.push({ index, name, ms: Date.now() - t0, file, ok: false, error: (error as Error).message, snaps: pendingSnaps });
        console.log(`${String(index).padStart(2)}. ${name}  FAILED: ${(error as Error).message.split('\n')[0]}`);
        throw error;
      }
    },
    lang,
    async (label, page) => {
      const file = `step-${String(timeline.length + 1).padStart(2, '0')}-${pendingSnaps.length + 1}.png`;
      await page.screenshot({ path: join(output, file), fullPage: true });
      pendingSnaps.push({ label, file });
      console.log(`    · ${label}`);
    },
  );
  console.log(`Predicted dialog on the PC: ${result.failedKind}; after LINE: ${result.afterLine.method}/${result.afterLine.assurance}; after step-up: ${result.afterStepUp.method}/${result.afterStepUp.assurance}; last login: ${result.finalLogin} (${result.finalMethod}).`);
} catch (error) {
  failure = error;
} finally {
  await browser.close();
  await stack.close();
}

const title = lang === 'ja' ? 'パスキー ダイアログ ラボ — 物語の再生' : 'Passkey Dialog Lab — the story, replayed';
const rows = timeline
  .map(
    (step) => `<section id="s${step.index}" class="step ${step.ok ? 'ok' : 'failed'}"><h2>${step.index}. ${escapeHtml(step.name)} <small>${step.ms} ms</small></h2>
${step.error ? `<p class="error">${escapeHtml(step.error)}</p>` : ''}
${step.snaps.map((s) => `<figure><figcaption>${escapeHtml(s.label)}</figcaption><a href="${s.file}"><img src="${s.file}" alt="${escapeHtml(s.label)}" loading="lazy"></a></figure>`).join('\n')}
<figure><figcaption>${lang === 'ja' ? 'ステップの終わり' : 'End of the step'}</figcaption><a href="${step.file}"><img src="${step.file}" alt="${escapeHtml(step.name)}" loading="lazy"></a></figure></section>`,
  )
  .join('\n');
writeFileSync(
  join(output, 'report.html'),
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK JP",sans-serif;max-width:1100px;margin:auto;padding:1rem}img{max-width:100%;border:1px solid #ccc}
.step{margin:2rem 0}.failed h2{color:#b3261e}small{color:#666;font-weight:normal}.error{color:#b3261e}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(new Date(started).toISOString())} · ${timeline.length} ${lang === 'ja' ? 'ステップ' : 'steps'} · ${Date.now() - started} ms</p>
<ol>${timeline.map((s) => `<li><a href="#s${s.index}">${escapeHtml(s.name)}</a> (${s.ms} ms)</li>`).join('')}</ol>
${rows}</body></html>`,
);
console.log(`Report: ${join(output, 'report.html')}`);
if (failure) {
  console.error(failure);
  process.exit(1);
}
