// Build once, reuse: a build's output folder records a hash of everything the build reads (its sources, the build
// script, the lockfile); `npm start` rebuilds only when that hash changes. Content hashes, not mtimes, so a checkout
// that touches files without changing them costs nothing, and an edit that keeps an old mtime is still seen.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function* files(path) {
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) yield* files(join(path, name));
}

/** Hash of the inputs (files or folders, relative to root) and of root itself (a bundle may hold absolute paths). */
export function inputsHash(root, inputs) {
  const hash = createHash('sha256').update(root);
  for (const input of inputs) {
    if (!existsSync(join(root, input))) continue;
    for (const file of files(join(root, input))) hash.update(`\0${relative(root, file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
}

const stampFile = (outDir) => join(outDir, '.inputs-hash');

export const isUpToDate = (outDir, hash) =>
  existsSync(stampFile(outDir)) && readFileSync(stampFile(outDir), 'utf8') === hash;

export const markBuilt = (outDir, hash) => writeFileSync(stampFile(outDir), hash);
