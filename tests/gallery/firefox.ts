import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PredictionInput } from '../../server/dialogs/types.js';
import { observeCall } from './chromium-2026.js';
import { disagreements, linuxClient, predictFor, type Observation } from './observations.js';
import { click, startXvfb, waitUntil, type Screen } from './x11.js';

// Debian's firefox-esr, which no automation framework here can drive: it runs headed under Xvfb with a fresh
// profile, each case is a page with one big button that a real X click (XTest) presses, the page POSTs its own
// outcome to this test-only server, Firefox's doorhanger is read by OCR and dismissed with a real Escape.

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const firefoxAvailable = () => existsSync(FIREFOX_PATH);

export interface FirefoxProbe {
  id: string;
  label: string;
  ceremony: 'get' | 'create';
  /** The page's call, as JavaScript options (a challenge and the RP are added in the page). */
  options: string;
  request: NonNullable<PredictionInput['request']>;
}

export const FIREFOX_PROBES: FirefoxProbe[] = [
  {
    id: 'firefox-get-modal',
    label: 'get, empty allow list (the ordinary prompt, for comparison)',
    ceremony: 'get',
    options: '{}',
    request: { allowCredentials: [] },
  },
  {
    id: 'firefox-immediate-ignored',
    label: "get, uiMode 'immediate'",
    ceremony: 'get',
    options: "{ uiMode: 'immediate' }",
    request: { uiMode: 'immediate', allowCredentials: [] },
  },
  {
    id: 'firefox-mediation-immediate',
    label: "get, mediation 'immediate' (origin-trial syntax)",
    ceremony: 'get',
    options: "{ mediation: 'immediate' }",
    request: { mediation: 'immediate' },
  },
  {
    id: 'firefox-conditional-create',
    label: "create, mediation 'conditional'",
    ceremony: 'create',
    options: "{ mediation: 'conditional' }",
    request: { mediation: 'conditional' },
  },
];

/** First-run pages, telemetry notices and background traffic would cover the page or the prompt. */
const USER_PREFS: Record<string, string | boolean | number> = {
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.sessionstore.resume_from_crash': false,
  'browser.translations.automaticallyPopup': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'startup.homepage_welcome_url': '',
  'startup.homepage_welcome_url.additional': '',
  'app.normandy.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'signon.rememberSignons': false,
};

interface Report {
  case: string;
  ready?: boolean;
  clicked?: boolean;
  version?: string;
  capabilities?: Record<string, boolean>;
  settles?: 'resolves' | 'rejects';
  error?: string;
  message?: string;
  ms?: number;
}

function casePage(probe: FirefoxProbe, next: string): string {
  const call =
    probe.ceremony === 'get'
      ? `navigator.credentials.get(Object.assign(${probe.options}, { publicKey: { challenge: random(32), rpId: location.hostname, timeout: 120000 } }))`
      : `navigator.credentials.create(Object.assign(${probe.options}, { publicKey: { challenge: random(32), rp: { id: location.hostname, name: 'Passkey Dialog Lab' }, user: { id: random(16), name: 'gallery', displayName: 'Gallery' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], timeout: 120000 } }))`;
  return `<!doctype html><meta charset="utf-8"><title>${probe.id}</title>
<style>html,body{margin:0;height:100%}button{width:100vw;height:100vh;font:32px sans-serif;background:#fff;border:0}</style>
<button id="go">${probe.id}</button>
<script>
var report = function (o) { return fetch('/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.assign({ case: ${JSON.stringify(probe.id)} }, o)) }); };
var random = function (n) { return crypto.getRandomValues(new Uint8Array(n)); };
PublicKeyCredential.getClientCapabilities().then(function (c) { report({ ready: true, version: navigator.userAgent, capabilities: c }); });
document.getElementById('go').addEventListener('click', function () {
  report({ clicked: true });
  var t0 = performance.now();
  var call;
  try { call = ${call}; } catch (e) { call = Promise.reject(e); }
  call.then(function () { return { settles: 'resolves' }; }, function (e) { return { settles: 'rejects', error: e.name, message: e.message }; })
    .then(function (r) { r.ms = performance.now() - t0; return report(r); })
    .then(waitForTurn);
}, { once: true });
// The next page only once the test has captured this one's screen.
function waitForTurn() {
  fetch('/proceed/' + ${JSON.stringify(probe.id)}).then(function (r) { if (r.status === 200) location.href = ${JSON.stringify(next)}; else setTimeout(waitForTurn, 200); });
}
</script>`;
}

async function startCaseServer(reports: Report[], proceeded: Set<string>): Promise<{ server: Server; origin: string }> {
  const byId = new Map(
    FIREFOX_PROBES.map((probe, i) => [
      probe.id,
      casePage(probe, i + 1 < FIREFOX_PROBES.length ? `/case/${FIREFOX_PROBES[i + 1]!.id}` : '/done'),
    ]),
  );
  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/report') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        reports.push(JSON.parse(body) as Report);
        response.writeHead(204).end();
      });
      return;
    }
    if (request.url?.startsWith('/proceed/')) {
      response.writeHead(proceeded.has(decodeURIComponent(request.url.slice('/proceed/'.length))) ? 200 : 204).end();
      return;
    }
    const page = byId.get(decodeURIComponent((request.url ?? '').replace(/^\/case\//, '')));
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(page ?? '<!doctype html><title>done</title><p>done</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, origin: `http://localhost:${typeof address === 'object' && address ? address.port : 0}` };
}

function launchFirefox(screen: Screen, profile: string, url: string): ChildProcess {
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(USER_PREFS)
      .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
  // Its own process group, so every Firefox process can be ended by this group's id alone.
  return spawn(FIREFOX_PATH, ['--no-remote', '--profile', profile, '-width', '1280', '-height', '800', url], {
    env: { ...screen.env, LANG: 'en_US.UTF-8', MOZ_CRASHREPORTER_DISABLE: '1' },
    stdio: 'ignore',
    detached: true,
  });
}

async function stopFirefox(firefox: ChildProcess): Promise<void> {
  if (firefox.exitCode !== null || firefox.signalCode !== null || !firefox.pid) return;
  const exited = new Promise<void>((resolve) => firefox.once('exit', () => resolve()));
  process.kill(-firefox.pid, 'SIGTERM');
  const timer = setTimeout(() => firefox.pid && process.kill(-firefox.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface FirefoxRun {
  version: string;
  capabilities: Record<string, boolean>;
  observations: Observation[];
}

export async function observeFirefox(
  outputDir: string,
  firstIndex: number,
  log: (line: string) => void = () => {},
): Promise<FirefoxRun> {
  mkdirSync(outputDir, { recursive: true });
  const screen = await startXvfb();
  const reports: Report[] = [];
  const proceeded = new Set<string>();
  const { server, origin } = await startCaseServer(reports, proceeded);
  const profile = mkdtempSync(join(tmpdir(), 'firefox-profile-'));
  const firefox = launchFirefox(screen, profile, `${origin}/case/${FIREFOX_PROBES[0]!.id}`);
  try {
    const { stdout } = await promisify(execFile)(FIREFOX_PATH, ['--version']);
    const version = stdout.trim().replace(/^Mozilla Firefox /, '');
    const label = `Firefox ${version}`;
    const observations: Observation[] = [];
    let capabilities: Record<string, boolean> = {};
    for (const [index, probe] of FIREFOX_PROBES.entries()) {
      // The first start of a fresh profile is slow on a loaded machine.
      const ready = await waitUntil(
        () => reports.find((r) => r.case === probe.id && r.ready),
        index === 0 ? 120_000 : 30_000,
      );
      if (!ready) throw new Error(`Firefox did not load the page for ${probe.id}`);
      capabilities = ready.capabilities ?? {};
      const result = () =>
        Promise.resolve(
          reports.find((r) => r.case === probe.id && r.settles) as
            (Report & { settles: 'resolves' | 'rejects'; ms: number }) | undefined,
        );
      const file = `sheet-${firstIndex + index}.png`;
      const observed = await observeCall(
        screen,
        join(outputDir, file),
        '1280x800+0+0',
        // A click that lands while Firefox is still settling the new page is lost: click until the page says it ran.
        async () => {
          const clicked = await waitUntil(async () => {
            await click(screen, 640, 450);
            return waitUntil(() => reports.find((r) => r.case === probe.id && r.clicked), 3_000);
          }, 30_000);
          if (!clicked) throw new Error(`the page for ${probe.id} never saw the X click`);
        },
        result,
        async () => {
          throw new Error(`Firefox left ${probe.id} pending without a prompt`);
        },
      );
      proceeded.add(probe.id);
      const input: PredictionInput = {
        ceremony: probe.ceremony,
        request: probe.request,
        credentials: [],
        client: linuxClient('firefox', version, { capabilities }),
      };
      const { summary, prediction } = predictFor(input);
      const differences = disagreements(observed, prediction);
      observations.push({
        id: probe.id,
        browser: label,
        label: probe.label,
        call: `${probe.ceremony} ${probe.options}`,
        input,
        observed,
        predicted: summary,
        disagreements: differences,
        file,
      });
      log(
        `${differences.length ? 'DIFFERS' : 'agrees '}  ${probe.id.padEnd(28)} observed ${observed.settles} ${observed.error ?? ''} ${observed.sheet ?? 'no sheet'} — predicted ${summary.kind} ${summary.outcome.settles} ${summary.outcome.error ?? ''}`,
      );
    }
    return { version: label, capabilities, observations };
  } finally {
    await stopFirefox(firefox);
    server.close();
    await screen.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
