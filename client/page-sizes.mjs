// What a first visit to each page downloads, gzipped, from the last client build: the page's script, every chunk it
// imports (shared code, cached across pages), its language's catalogue chunks (also those import() loads by name,
// e.g. lab.ja-…), and the stylesheet.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const distDir = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const gzipBytes = (file) => gzipSync(readFileSync(join(distDir, file))).length;

/** For each page and language: the files loaded and their gzip bytes in total. */
export function pageSizes() {
  const { outputs } = JSON.parse(readFileSync(join(distDir, '.meta.json'), 'utf8'));
  const name = (path) => basename(path);
  const byName = new Map(Object.entries(outputs).map(([path, output]) => [name(path), output]));
  const loaded = (file, lang, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imported of byName.get(file).imports) {
      const target = name(imported.path);
      const catalogue = /^(?:[\w-]+\.)?(ja|en)-/.exec(target)?.[1];
      if (imported.kind === 'import-statement' || catalogue === lang) loaded(target, lang, seen);
    }
    return seen;
  };
  return [...byName.entries()]
    .filter(([, output]) => output.entryPoint?.includes('src/pages/'))
    .flatMap(([file]) =>
      ['en', 'ja'].map((lang) => {
        const files = [...loaded(file, lang), 'styles.css'];
        return {
          page: file.replace(/\.js$/, ''),
          lang,
          files,
          gzip: files.reduce((sum, each) => sum + gzipBytes(each), 0),
        };
      }),
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { page, lang, gzip, files } of pageSizes())
    console.log(`${page.padEnd(11)} ${lang}  ${(gzip / 1024).toFixed(1).padStart(5)} KB gzip  (${files.length} files)`);
}
