import type { Browser } from 'playwright-core';
import { createInvite } from '../../server/support/invites.js';
import { Device } from './browser.js';
import type { Stack } from './stack.js';

/**
 * A new staff member enrolled through an invitation link in a browser of their own, on the support console: the device,
 * signed in (the console's header says who). The staff passkey lives in the device's virtual authenticator.
 */
export async function consoleAsNewStaff(
  browser: Browser,
  stack: Stack,
  name: string,
  { locale = 'ja-JP', width }: { locale?: string; width?: number } = {},
): Promise<Device> {
  const device = await Device.open(browser, 'pc-with-hello', { locale });
  if (width) await device.page.setViewportSize({ width, height: 844 });
  await device.page.goto(createInvite(stack.running.lab.repos, stack.labUrl, null).link);
  await device.page.fill('[data-testid=staff-name]', name);
  await device.page.click('[data-testid=enroll-button]');
  await device.page.waitForURL(/\/support$/);
  await device.page.waitForSelector('[data-testid=staff-status]');
  return device;
}
