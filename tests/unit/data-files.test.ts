import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, repositories } from '../../db/index.js';
import { loadOrCreateSecrets } from '../../server/secrets.js';

// Issue 15 point 15: the database, its WAL and shared-memory files and secrets.json are readable by their owner only
// (the process umask here, 022, would otherwise give 0644), and nothing in the data folder can be committed.

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'data-files-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const mode = (path: string) => statSync(path).mode & 0o777;

describe('data files', () => {
  it('creates the database, its -wal and -shm 0600 and the data folder 0700 with a .gitignore of *', () => {
    const dataDir = join(tempDir(), 'data');
    const path = join(dataDir, 'lab.sqlite');
    const db = openDatabase(path);
    repositories(db).accounts.create('persist', 'Persist', 'handle'); // a write, so the WAL has content
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file).toString(8), file).toBe('600');
    }
    db.close();
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(readFileSync(join(dataDir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('tightens a database an older version left 0644', () => {
    const path = join(tempDir(), 'lab.sqlite');
    openDatabase(path).close();
    chmodSync(path, 0o644);
    openDatabase(path).close();
    expect(mode(path).toString(8)).toBe('600');
  });

  it('writes secrets.json 0600 into a fresh data folder that git ignores', () => {
    const dataDir = join(tempDir(), 'secrets-here');
    loadOrCreateSecrets(dataDir);
    expect(mode(join(dataDir, 'secrets.json')).toString(8)).toBe('600');
    expect(existsSync(join(dataDir, '.gitignore'))).toBe(true);
  });

  it('gives labs starting at once on a fresh data folder one set of secrets, never a half-written file', async () => {
    // As the start-up tests do: several processes create secrets.json in one folder at the same moment.
    const source = pathToFileURL(join(REPOSITORY, 'server', 'secrets.ts')).href;
    const LABS = 6;
    for (let round = 0; round < 2; round++) {
      const dataDir = join(tempDir(), 'shared');
      const gate = tempDir();
      // Each process loads the module, says so in the gate folder, and waits there until all have loaded: then they
      // all look for secrets.json within the same millisecond or two.
      const script = `
        const { writeFileSync, readdirSync } = await import('node:fs');
        const secrets = await import(${JSON.stringify(source)});
        writeFileSync(${JSON.stringify(gate)} + '/' + process.pid, '');
        while (readdirSync(${JSON.stringify(gate)}).length < ${LABS}) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        process.stdout.write(JSON.stringify(secrets.loadOrCreateSecrets(${JSON.stringify(dataDir)})));`;
      const outputs = await Promise.all(
        Array.from({ length: LABS }, () =>
          promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
            cwd: REPOSITORY,
          }).then((run) => run.stdout),
        ),
      );
      const onDisk = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
      expect(outputs.map((output) => JSON.parse(output))).toEqual(outputs.map(() => onDisk));
      expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
  }, 90_000);

  it('leaves nothing for git to commit when DATA_DIR points inside a repository', () => {
    const repo = tempDir();
    execFileSync('git', ['init', '-q', repo]);
    const dataDir = join(repo, 'somewhere', 'lab-data');
    loadOrCreateSecrets(dataDir);
    const db = openDatabase(join(dataDir, 'lab.sqlite'));
    repositories(db).accounts.create('persist', 'Persist', 'handle');
    expect(
      execFileSync('git', ['-C', repo, 'status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' }),
    ).toBe('');
    db.close();
  });

  it("keeps this repository's root .gitignore entries for secrets and databases anywhere in the tree", () => {
    const ignored = (path: string) => {
      try {
        execFileSync('git', ['-C', REPOSITORY, 'check-ignore', '-q', '--no-index', path]);
        return true;
      } catch {
        return false;
      }
    };
    for (const path of [
      'data/lab.sqlite',
      'somewhere/secrets.json',
      'x/lab.sqlite',
      'x/lab.sqlite-wal',
      'x/lab.sqlite-shm',
    ]) {
      expect(ignored(path), path).toBe(true);
    }
  });

  it('does not put a .gitignore into a folder that holds other things', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    openDatabase(join(dir, 'lab.sqlite')).close();
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
  });
});
