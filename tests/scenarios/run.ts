import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from '../support/browser.js';
import { startStack, type Stack } from '../support/stack.js';
import { SCENARIOS } from './catalogue.js';
import { runScenario, type Lang } from './define.js';

// `npm run scenario -- <name> [--lang ja|en] [--headed] [--url http://localhost:3000 --idp http://127.0.0.1:4000]`
// runs one named browser scenario against a running lab (--url) or a fresh one, and prints its JSON result.
// `npm run scenario -- --list` lists the names. Exit code 0 when what was observed agrees with what was predicted.

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const lang: Lang = option('--lang') === 'en' ? 'en' : 'ja';

if (args.includes('--list') || args.length === 0) {
  for (const entry of SCENARIOS) console.log(`${entry.name.padEnd(16)} ${entry.description[lang]}`);
  process.exit(args.includes('--list') ? 0 : 2);
}
const name = args.find(
  (arg, index) => !arg.startsWith('--') && !['--lang', '--url', '--idp'].includes(args[index - 1] ?? ''),
);
const definition = SCENARIOS.find((entry) => entry.name === name);
if (!definition) {
  console.error(
    `No scenario "${name}". Known: ${SCENARIOS.map((entry) => entry.name).join(', ')} (npm run scenario -- --list).`,
  );
  process.exit(2);
}
if (!chromiumAvailable()) {
  console.error(
    `No Chromium at ${CHROMIUM_PATH}. Install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.`,
  );
  process.exit(2);
}

const url = option('--url') ?? process.env.LAB_URL;
let stack: Stack | undefined;
if (!url) stack = await startStack({ IDP_MODE: 'mock' });
const base = url ?? stack!.labUrl;
const idp = option('--idp') ?? process.env.IDP_URL ?? stack?.idpUrl ?? 'http://127.0.0.1:4000';
const browser = await launchChromium({ headless: !args.includes('--headed') });
try {
  const result = await runScenario(definition, { browser, base, idp, lang, freshLab: !url });
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.agrees ? 0 : 1;
} finally {
  await browser.close();
  await stack?.close();
}
