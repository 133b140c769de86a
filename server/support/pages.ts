import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { raw } from '../html.js';
import { pageShell } from '../plugins/pages.js';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'client', 'pages');
const mains = new Map<string, string>();

/** The staff pages (client/pages/staff.html, support.html, check.html) in the lab's shared shell; served by the support routes. */
export function pageHtml(page: 'staff' | 'support' | 'check', lang: 'ja' | 'en'): string {
  let main = mains.get(page);
  if (main === undefined) {
    main = readFileSync(join(PAGES_DIR, `${page}.html`), 'utf8');
    mains.set(page, main);
  }
  return pageShell(page, raw(main), lang);
}
