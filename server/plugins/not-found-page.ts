import { html } from '../html.js';
import type { Lang } from '../i18n.js';

const strings = {
  en: {
    title: 'Page not found',
    body: 'There is no page at this address. It may have been typed with a small mistake.',
    start: 'Go to the login page',
  },
  ja: {
    title: 'ページが見つかりません',
    body: 'このアドレスのページはありません。入力のわずかな間違いかもしれません。',
    start: 'ログイン画面へ',
  },
} satisfies Record<Lang, Record<string, string>>;

/** The 404 a person sees for a page address: in their language, with the way to the start. No script needed. */
export function notFoundPage(lang: Lang, path: string): string {
  const text = strings[lang];
  return html`<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${text.title} — Passkey Dialog Lab</title>
  <link rel="stylesheet" href="/assets/styles.css">
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<main>
  <h1>${text.title}</h1>
  <p>${text.body}</p>
  <p><code>${path}</code></p>
  <p><a class="button" href="/login" data-testid="not-found-start">${text.start}</a></p>
</main>
</body>
</html>
`.toString();
}
