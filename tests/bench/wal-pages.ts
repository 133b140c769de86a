import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { ceremonyRunner, injectCeremony, registerAccounts } from './inject-accounts.js';

// `npx tsx tests/bench/wal-pages.ts`: which tables and indexes a login writes. The lab is driven through inject as in
// login-cpu.ts (64 accounts, WAL_PAGES_IN_FLIGHT logins at once, after a warm-up); then the WAL is emptied, automatic
// checkpoints are turned off, WAL_PAGES_COUNT logins run, and every frame of the WAL is put under the B-tree that owns
// its page (sqlite's dbstat). Prints frames (4 KB pages written) per login and per commit, by table or index.

const COUNT = Number(process.env.WAL_PAGES_COUNT ?? 1000);
const IN_FLIGHT = Number(process.env.WAL_PAGES_IN_FLIGHT ?? 16);
const WARMUP = Number(process.env.WAL_PAGES_WARMUP ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'wal-pages-'));
const path = join(dir, 'lab.sqlite');
const origin = 'http://localhost:3000';
const lab = await buildApp(
  loadConfig({
    PORT: '3000',
    DATABASE_PATH: path,
    IDP_MODE: 'off',
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '1000000000',
  }),
);
try {
  const accounts = await registerAccounts(lab.app, origin);
  const login = (i: number) => {
    const { username, authenticator } = accounts[i % accounts.length]!;
    return injectCeremony(lab.app, 'authentication', username, (options) => authenticator.getAssertion(options));
  };
  const logins = ceremonyRunner(IN_FLIGHT, login);
  await logins(WARMUP);
  await new Promise((resolve) => setTimeout(resolve, 50));
  lab.db.pragma('wal_autocheckpoint = 0');
  lab.db.pragma('wal_checkpoint(TRUNCATE)');
  await logins(COUNT);
  await new Promise((resolve) => setTimeout(resolve, 50));

  const owner = new Map<number, string>();
  for (const row of lab.db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]) {
    owner.set(row.pageno, row.name);
  }
  const wal = readFileSync(`${path}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const byName = new Map<string, number>();
  let frames = 0;
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const page = wal.readUInt32BE(at);
    if (wal.readUInt32BE(at + 4) !== 0) commits += 1;
    frames += 1;
    const name = owner.get(page) ?? '(free or other)';
    byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  console.log(
    `${COUNT} logins, ${IN_FLIGHT} in flight: ${frames} frames of ${pageSize} bytes in ${commits} commits; ` +
      `${(frames / COUNT).toFixed(2)} pages (${((frames * (pageSize + 24)) / COUNT / 1024).toFixed(1)} KB) per login, ` +
      `${(frames / commits).toFixed(1)} per commit, ${(COUNT / commits).toFixed(1)} logins per commit`,
  );
  for (const [name, n] of [...byName].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name.padEnd(36)} ${(n / COUNT).toFixed(3)} per login  ${(n / commits).toFixed(2)} per commit`);
  }
} finally {
  await lab.app.close();
  rmSync(dir, { recursive: true, force: true });
}
