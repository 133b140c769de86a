import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The data folder holds sessions, passkeys' public keys, the ceremony log and secrets.json: readable by its owner only,
// and never committed, wherever DATA_DIR points (also inside a clone of this repository).

const GITIGNORE =
  '# Written by Passkey Dialog Lab: the database and secrets in this folder must never be committed.\n*\n';
const LAB_FILE = /^(secrets\.json|.*\.sqlite(-wal|-shm|-journal)?|\.gitignore)$/;

/**
 * Creates the data folder (0700) with a `.gitignore` of `*`. A folder that already exists gets the `.gitignore` only
 * if it holds nothing but the lab's own files: a folder with other things in it is someone's, not ours to change.
 */
export function ensureDataFolder(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const gitignore = join(dir, '.gitignore');
  if (!existsSync(gitignore) && readdirSync(dir).every((name) => LAB_FILE.test(name)))
    writeFileSync(gitignore, GITIGNORE);
}

/**
 * Creates the database file 0600 before SQLite opens it (SQLite gives the -wal and -shm files the database file's
 * mode), and tightens files an older version left 0644.
 */
export function privateDatabaseFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
