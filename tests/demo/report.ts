import { join } from 'node:path';
import { html } from '../../server/html.js';

// The `npm run demo` report: one folder per language (ja and en reports live side by side), each step with what the
// presenter says, the pictures taken inside the step under it, and the step's last screen.

export type DemoLang = 'ja' | 'en';

/** What the presenter says at each of the story's eight steps (tests/support/story-flow.ts names them). */
export const NARRATIVE: Record<DemoLang, readonly string[]> = {
  ja: [
    'まずスマートフォンで新規登録します。指紋で作ったパスキーはスマートフォンの中にあり、Google パスワード マネージャーで同期されます。',
    'スマートフォンのアプリから LINE を連携しておきます。これが後でパソコンからの代わりの入り口になります。',
    '次にパソコンで、マーケットプレイスと同じやり方でログインします。Windows 10・Bluetooth なしでは「セキュリティ キーを USB ポートに挿入します」が出ますが、キーを買う必要はありません。ラボがその理由を説明します。',
    'キャンセルして「または」から Google を選びます。Google はこのアカウントに連携していないので、中立的なメッセージで断られます。',
    '今度は LINE です。パソコンに出た 4 桁の番号をスマートフォンの LINE で入力し、友だち追加つきの同意を経てログインできます。ただし確認レベルは低いままです。',
    'パスワードの変更などの前に、スマートフォンのパスキーで本人確認をします（QR と Bluetooth でつなぐ hybrid）。',
    '本人確認のあと、このパソコン自身にパスキーを登録します（Windows Hello）。',
    '次からはスマートフォンなしで、このパソコンのパスキーだけでログインできます。',
  ],
  en: [
    'First we sign up on the phone. The passkey made with a fingerprint lives on the phone and syncs through Google Password Manager.',
    'From the phone app we also link LINE; later it is the way in from the PC.',
    'Now on the PC we log in the way the marketplace does. Windows 10 without Bluetooth shows "Insert your security key into the USB port" — nobody needs to buy a key, and the lab explains why it appeared.',
    'We cancel and choose Google under "or". Google is not linked to this account, so it is refused with a neutral message.',
    'Now LINE: the PC shows a 4-digit number, we type it in LINE on the phone, accept the consent with the friend toggle, and we are in — at low assurance.',
    "Before changing anything important we confirm with the phone's passkey (hybrid: QR code and Bluetooth).",
    'Once confirmed, we register a passkey on this PC itself (Windows Hello).',
    'From now on the PC logs in with its own passkey, no phone needed.',
  ],
};

export interface DemoStep {
  index: number;
  name: string;
  ms: number;
  file: string;
  ok: boolean;
  error?: string;
  snaps: { label: string; file: string }[];
}

/** demo-output/ja or demo-output/en: a run in one language leaves the other language's report alone. */
export const demoOutputDir = (root: string, lang: DemoLang) => join(root, 'demo-output', lang);

/** The console line of a picture taken inside a step, printed under that step's heading. */
export const snapLine = (label: string, file: string) => `    · ${label} → ${file}`;

export function renderReport(lang: DemoLang, steps: DemoStep[], started: number, finished: number): string {
  const title = lang === 'ja' ? 'パスキー ダイアログ ラボ — 物語の再生' : 'Passkey Dialog Lab — the story, replayed';
  const figure = (label: string, file: string) =>
    html`<figure><figcaption>${label}</figcaption><a href="${file}"><img src="${file}" alt="${label}" loading="lazy"></a></figure>`;
  const sections = steps.map(
    (
      step,
      i,
    ) => html`${i > 0 ? '\n' : ''}<section id="s${step.index}" class="step ${step.ok ? 'ok' : 'failed'}"><h2>${step.index}. ${step.name} <small>${step.ms} ms</small></h2>
<p class="narrative" data-step="${step.index}">${NARRATIVE[lang][step.index - 1] ?? ''}</p>
${step.error ? html`<p class="error">${step.error}</p>` : ''}
${step.snaps.map((snap, j) => html`${j > 0 ? '\n' : ''}${figure(snap.label, snap.file)}`)}
${figure(lang === 'ja' ? 'ステップの終わり' : 'End of the step', step.file)}</section>`,
  );
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,"Noto Sans CJK JP",sans-serif;max-width:1100px;margin:auto;padding:1rem}img{max-width:100%;border:1px solid #ccc}
.step{margin:2rem 0}.failed h2{color:#b3261e}small{color:#555;font-weight:normal}.error{color:#b3261e}.narrative{font-size:1.1rem;border-left:4px solid #1a5fd1;padding-left:0.8rem}</style></head>
<body><h1>${title}</h1><p>${new Date(started).toISOString()} · ${steps.length} ${lang === 'ja' ? 'ステップ' : 'steps'} · ${finished - started} ms</p>
<ol>${steps.map((step) => html`<li><a href="#s${step.index}">${step.name}</a> (${step.ms} ms)</li>`)}</ol>
${sections}</body></html>`.toString();
}
