// Preload for the lab under load: how long the event loop is held up, and by which COMMITs. Attach it through
// tests/bench/profile.ts: PROFILE_NODE_FLAGS='--import ./tests/bench/commit-timing.mjs' (and PROFILE_SCRIPT for
// another build). From MEASURE_AFTER_MS (9000, after profile.ts' warm-up) until the server's SIGTERM it records
// perf_hooks' event-loop delay and the duration of every COMMIT statement, and prints one `MEASURE {json}` line to
// stderr: delay percentiles (ms), commit percentiles (µs), the commits over 2 ms and their total, the WAL's size.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';

const require = createRequire(`${process.cwd()}/package.json`);
const Database = require('better-sqlite3');
const probe = new Database(':memory:');
const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
probe.close();

const commitMicros = createHistogram();
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let databaseFile;
let commits = 0;
let commitMs = 0;
let slow = 0;
let slowMs = 0;
const run = statement.run;
statement.run = function (...args) {
  if (this.source !== 'COMMIT') return run.apply(this, args);
  databaseFile ??= this.database.name;
  const start = performance.now();
  try {
    return run.apply(this, args);
  } finally {
    const ms = performance.now() - start;
    commits += 1;
    commitMs += ms;
    commitMicros.record(Math.max(1, Math.round(ms * 1000)));
    if (ms > 2) {
      slow += 1;
      slowMs += ms;
    }
  }
};

setTimeout(
  () => {
    commitMicros.reset();
    commits = commitMs = slow = slowMs = 0;
    loopDelay.enable();
  },
  Number(process.env.MEASURE_AFTER_MS ?? 9000),
).unref();

process.prependListener('SIGTERM', () => {
  const ms = (percentile) => (loopDelay.percentile(percentile) / 1e6).toFixed(2);
  const figures = {
    eld_p50: ms(50),
    eld_p99: ms(99),
    eld_p999: ms(99.9),
    eld_max: ms(100),
    commits,
    commit_ms_total: Math.round(commitMs),
    commit_p50_us: commitMicros.percentile(50),
    commit_p99_us: commitMicros.percentile(99),
    commit_max_us: commitMicros.max,
    slow_commits_over_2ms: slow,
    slow_ms_total: Math.round(slowMs),
    wal_mb: databaseFile ? (statSync(`${databaseFile}-wal`).size / 1e6).toFixed(1) : null,
  };
  process.stderr.write(`MEASURE ${JSON.stringify(figures)}\n`);
});
