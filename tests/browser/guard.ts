import { chromiumAvailable, CHROMIUM_PATH } from '../support/browser.js';

/**
 * Browser tests run whenever Chromium is installed. In CI (CI=true) a missing browser is a failure, never a skip;
 * elsewhere the tests skip with one line saying how to install it.
 */
export function browserTestsEnabled(): boolean {
  if (chromiumAvailable()) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but no Chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`,
    );
  }
  console.warn(
    `Skipping browser tests: no Chromium at ${CHROMIUM_PATH}. Install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.`,
  );
  return false;
}
