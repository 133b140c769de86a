import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

// A private X screen for headed browsers: the WebAuthn sheets and doorhangers are browser UI, outside any page, so
// they are seen by capturing the X screen (ImageMagick), read with Tesseract, and dismissed with real X key presses
// (xdotool/XTest) — CDP key events go to the page, never to the browser's own sheets.

const run = promisify(execFile);

export const X11_TOOLS = ['/usr/bin/Xvfb', '/usr/bin/import', '/usr/bin/tesseract', '/usr/bin/xdotool'];
export const x11ToolsAvailable = () => X11_TOOLS.every((tool) => existsSync(tool));

export interface Screen {
  display: string;
  env: Record<string, string>;
  close: () => Promise<void>;
}

/** Xvfb picks a free display itself (-displayfd), so parallel test files never collide. */
export async function startXvfb(): Promise<Screen> {
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 30 s')), 30_000);
    xvfb.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  }).catch((error: unknown) => {
    xvfb.kill('SIGKILL');
    throw error;
  });
  const display = `:${number}`;
  return {
    display,
    env: { ...(process.env as Record<string, string>), DISPLAY: display },
    close: () =>
      new Promise<void>((resolve) => {
        if (xvfb.exitCode !== null || xvfb.signalCode !== null) return resolve();
        xvfb.once('exit', () => resolve());
        xvfb.kill('SIGTERM');
      }),
  };
}

/** The whole X screen as a PNG. */
export async function captureScreen(screen: Screen, file: string): Promise<void> {
  await run('import', ['-window', 'root', file], { env: screen.env });
}

/**
 * Tesseract over a region (or the whole picture), grey, upscaled by `scale` for small print; whitespace collapsed.
 * One OpenMP thread: with its default (a thread per core, spinning while it waits) the same readings, word for word,
 * took nearly twice the CPU, on a machine whose cores the other tests keep busy (docs/testing.md, "Test time").
 */
export async function ocr(file: string, crop?: string, scale = 200): Promise<string> {
  const prepared = file.replace(/\.png$/, '.ocr.png');
  const resize = scale === 100 ? [] : ['-resize', `${scale}%`];
  await run('convert', [file, ...(crop ? ['-crop', crop] : []), ...resize, '-colorspace', 'Gray', prepared]);
  const { stdout } = await run('tesseract', [prepared, '-', '-l', 'eng', '--psm', '3'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
  });
  return stdout.replace(/\s+/g, ' ').trim();
}

/** A real key press through XTest, delivered to whatever window has the focus (the browser's sheet). */
export async function pressKey(screen: Screen, key: string): Promise<void> {
  await run('xdotool', ['key', key], { env: screen.env });
}

/** A real mouse click through XTest: the page receives a trusted event and a user activation. */
export async function click(screen: Screen, x: number, y: number): Promise<void> {
  await run('xdotool', ['mousemove', String(x), String(y), 'click', '1'], { env: screen.env });
}

/** Polls until the condition holds or the time is up; never a fixed sleep standing in for an assertion. */
export async function waitUntil<T>(
  condition: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Lower-case letters and digits only, so OCR's stray punctuation ("can't" → "cant") does not decide a match. */
export const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
