// Bundles the browser TypeScript (one entry per page) with esbuild; no CDN, no network.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const pages = readdirSync(join(root, 'src', 'pages')).filter((file) => file.endsWith('.ts'));
mkdirSync(join(root, 'dist'), { recursive: true });

await build({
  entryPoints: pages.map((file) => join(root, 'src', 'pages', file)),
  outdir: join(root, 'dist'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
copyFileSync(join(root, 'styles.css'), join(root, 'dist', 'styles.css'));
copyFileSync(join(root, 'favicon.svg'), join(root, 'dist', 'favicon.svg'));
console.log(`client: bundled ${pages.length} pages into client/dist`);
