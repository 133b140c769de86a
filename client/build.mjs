// Bundles the browser TypeScript (one entry per page) with esbuild; no CDN, no network. Code shared by the pages
// (the nav, the API client, the WebAuthn helpers) goes into chunks the browser caches once; each language's catalogue is its own
// chunk, loaded only for that language. Skipped when nothing it reads changed since the last build (`--force` rebuilds).
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsHash, isUpToDate, markBuilt } from '../scripts/build-cache.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = join(root, 'dist');

/** Builds client/dist unless its inputs are unchanged since the last build; returns whether it built. */
export async function buildClient({ force = false } = {}) {
  const hash = inputsHash(join(root, '..'), [
    'client/src',
    'client/styles.css',
    'client/favicon.svg',
    'client/build.mjs',
    'package-lock.json',
  ]);
  if (!force && isUpToDate(outDir, hash)) return false;
  const { build } = await import('esbuild');
  const pages = readdirSync(join(root, 'src', 'pages')).filter((file) => file.endsWith('.ts'));
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: pages.map((file) => join(root, 'src', 'pages', file)),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    // Japanese as UTF-8 bytes, not \uXXXX escapes, which are larger (docs/benchmark.md, "Page size").
    charset: 'utf8',
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // Which files each page loads (tests/unit/page-size.test.ts adds them up); a dotfile, so /assets/ does not serve it.
  writeFileSync(join(outDir, '.meta.json'), JSON.stringify(result.metafile));
  copyFileSync(join(root, 'styles.css'), join(outDir, 'styles.css'));
  copyFileSync(join(root, 'favicon.svg'), join(outDir, 'favicon.svg'));
  // Chunks of earlier builds go; the folder is never emptied first, so a page served meanwhile (or a second build of
  // the same sources running at the same time, as two test files may) always finds its files.
  const current = new Set([
    ...Object.keys(result.metafile.outputs).map((path) => basename(path)),
    'styles.css',
    'favicon.svg',
    '.meta.json',
    '.inputs-hash',
  ]);
  for (const file of readdirSync(outDir)) if (!current.has(file)) rmSync(join(outDir, file), { force: true });
  markBuilt(outDir, hash);
  console.log(`client: bundled ${pages.length} pages into client/dist`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildClient({ force: process.argv.includes('--force') });
}
