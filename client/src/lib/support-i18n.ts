import en from '../i18n/support/en.json' with { type: 'json' };
import ja from '../i18n/support/ja.json' with { type: 'json' };
import '../support.css';
import { addStrings } from './i18n.js';

export { tIn } from './i18n.js';

// The support pages' strings live in their own catalogues (client/src/i18n/support), merged into the page's strings
// before it translates itself. Both languages: the console shows the words to say in the customer's language too.
addStrings('en', en);
addStrings('ja', ja);

/** The console's stylesheet is bundled next to the page script (esbuild emits <page>.css); CSP allows 'self' styles. */
export function loadStylesheet(page: string) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `/assets/${page}.css`;
  document.head.append(link);
}
