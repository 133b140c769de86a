import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

// The browser harness: Debian's Chromium (never a downloaded browser) driven by playwright-core, with
// Chrome DevTools Protocol virtual authenticators named after the devices in the story.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Playwright's own `--disable-features` list (playwright-core 1.65.1: `disabledFeatures` in lib/coreBundle.js).
 * Chromium honours only the last `--disable-features` switch and Playwright puts its own first, so a list of ours must
 * repeat Playwright's (tests/unit/chromium-args.test.ts fails when Playwright's changes).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 156 draws the address bar's suggestion list as a WebUI page and preloads it, in a renderer of its own, for
 * every window: every browser context a test opens, headless or not. That is ~0.5 s of CPU per context for a list no
 * test opens (docs/testing.md, "Test time", session 8). Without these two, the list is the older native one.
 */
export const OMNIBOX_WEBUI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_WEBUI_FEATURES].join(',')}`,
];

export const chromiumAvailable = () => existsSync(CHROMIUM_PATH);

/** Each launch gets a fresh temporary profile (playwright's default for launch()). */
export function launchChromium(options: { headless?: boolean; env?: Record<string, string> } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
  });
}

let shared: Promise<Browser> | undefined;

/**
 * This test worker's headless Chromium, launched once and shared by the browser test files the worker runs one after
 * the other (vitest keeps modules from file to file: vitest.config.ts). A launch and its close cost about a second of
 * a worker's time per file. Each file works in browser contexts of its own and closes all of them when it ends
 * (releaseChromium), so no page, cookie or virtual authenticator of one file is there for the next; Playwright stops
 * the browser when the worker exits.
 */
export function sharedChromium(): Promise<Browser> {
  if (!shared) {
    const launching = launchChromium();
    shared = launching;
    launching.then(
      (browser) => browser.on('disconnected', () => (shared = shared === launching ? undefined : shared)),
      () => (shared = undefined),
    );
  }
  return shared;
}

/** The end of a file's use of the shared Chromium: every context it opened (and left open) is closed. */
export async function releaseChromium(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
}

export const PHONE_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';

export const PHONE_VIEWPORT = { width: 390, height: 844 };

export type DeviceName = 'phone' | 'pc-with-hello' | 'pc-without-hello' | 'usb-key';

interface AuthenticatorOptions {
  protocol: 'ctap2';
  transport: 'internal' | 'usb' | 'nfc' | 'ble' | 'cable';
  hasResidentKey: boolean;
  hasUserVerification: boolean;
  isUserVerified: boolean;
  automaticPresenceSimulation: boolean;
  defaultBackupEligibility?: boolean;
  defaultBackupState?: boolean;
}

/**
 * The story's devices as virtual authenticators:
 * - phone: a platform passkey provider that syncs (backup eligible and backed up), transport internal;
 * - pc-with-hello: this PC's own platform authenticator (device-bound);
 * - pc-without-hello: a PC whose only authenticator is a USB port with nothing useful in it;
 * - usb-key: a roaming security key.
 */
export const DEVICES: Record<DeviceName, AuthenticatorOptions> = {
  phone: {
    protocol: 'ctap2',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
    automaticPresenceSimulation: true,
    defaultBackupEligibility: true,
    defaultBackupState: true,
  },
  'pc-with-hello': {
    protocol: 'ctap2',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
    automaticPresenceSimulation: true,
  },
  'pc-without-hello': {
    protocol: 'ctap2',
    transport: 'usb',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
    automaticPresenceSimulation: true,
  },
  'usb-key': {
    protocol: 'ctap2',
    transport: 'usb',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
    automaticPresenceSimulation: true,
  },
};

export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
  backupEligibility?: boolean;
  backupState?: boolean;
  userName?: string;
  userDisplayName?: string;
}

/** One browser context standing for one physical device, with its virtual authenticator. */
export class Device {
  private constructor(
    readonly name: DeviceName,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly cdp: CDPSession,
    readonly authenticatorId: string,
  ) {}

  static async open(browser: Browser, name: DeviceName, options: { locale?: string } = {}): Promise<Device> {
    // The phone presents itself as one, so the lab records where its passkey was made.
    // It is also as wide as one (390 px, a current iPhone / Pixel in CSS pixels), so screenshots show the phone's layout.
    const context = await browser.newContext({
      locale: options.locale ?? 'en-US',
      ...(name === 'phone' ? { userAgent: PHONE_USER_AGENT, viewport: PHONE_VIEWPORT } : {}),
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: DEVICES[name] });
    return new Device(name, context, page, cdp, authenticatorId);
  }

  credentials(): Promise<VirtualCredential[]> {
    return this.cdp
      .send('WebAuthn.getCredentials', { authenticatorId: this.authenticatorId })
      .then((r) => r.credentials as VirtualCredential[]);
  }

  /** A synced passkey: the same credential appearing on another device (as Google Password Manager or iCloud do). */
  async addCredential(credential: VirtualCredential) {
    await this.cdp.send('WebAuthn.addCredential', { authenticatorId: this.authenticatorId, credential });
  }

  setUserVerified(isUserVerified: boolean) {
    return this.cdp.send('WebAuthn.setUserVerified', { authenticatorId: this.authenticatorId, isUserVerified });
  }

  setAutomaticPresenceSimulation(enabled: boolean) {
    return this.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: this.authenticatorId, enabled });
  }

  /** Makes the authenticator return a bogus signature, or drop UP/UV flags, on its next responses. */
  setResponseOverrideBits(bits: { isBogusSignature?: boolean; isBadUV?: boolean; isBadUP?: boolean }) {
    return this.cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId: this.authenticatorId, ...bits });
  }

  setCredentialProperties(credentialId: string, properties: { backupEligibility?: boolean; backupState?: boolean }) {
    return this.cdp.send('WebAuthn.setCredentialProperties', {
      authenticatorId: this.authenticatorId,
      credentialId,
      ...properties,
    });
  }

  /**
   * The phone reached from this PC over hybrid (QR + Bluetooth). CDP cannot run the real caBLE protocol, so a
   * second authenticator on the "cable" transport holding the phone's credential stands in for it; it answers
   * as a cross-platform authenticator, as a phone does.
   */
  async reachPhoneOverHybrid(credential: VirtualCredential): Promise<() => Promise<void>> {
    const { authenticatorId } = await this.addHybridAuthenticator();
    await this.cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    // While the phone is connected this PC's own authenticator stays silent, as the user is busy with the phone;
    // otherwise its "no credentials" answer would end the request first.
    await this.setAutomaticPresenceSimulation(false);
    return async () => {
      await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await this.setAutomaticPresenceSimulation(true);
    };
  }

  /**
   * The DevTools protocol names the hybrid transport `cable` in some Chromium builds and `hybrid` in others (Debian's
   * 150.0.7871.100 refuses `cable` with "The transport is not valid"; 156 accepted it): try one, then the other.
   */
  private async addHybridAuthenticator(): Promise<{ authenticatorId: string }> {
    const options = {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    } as const;
    try {
      return await this.cdp.send('WebAuthn.addVirtualAuthenticator', { options: { ...options, transport: 'cable' } });
    } catch (error) {
      if (!/transport is not valid/i.test(String(error))) throw error;
      return await this.cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { ...options, transport: 'hybrid' as 'cable' },
      });
    }
  }

  close() {
    return this.context.close();
  }
}
