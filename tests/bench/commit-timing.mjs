// Preload for the lab under load: how long the event loop is held up, and by which COMMITs. Attach it through
// tests/bench/profile.ts: PROFILE_NODE_FLAGS='--import ./tests/bench/commit-timing.mjs' (and PROFILE_SCRIPT for
// another build). From MEASURE_AFTER_MS (9000, after profile.ts' warm-up) until the server's SIGTERM it records
// perf_hooks' event-loop delay and the duration of every COMMIT statement, and prints one `MEASURE {json}` line to
// stderr: delay percentiles (ms), commit percentiles (µs), the commits over 2 ms and their total, the WAL's size (at
// the end and the largest seen), checkpoints on the main thread and the garbage collector's pauses (count, total,
// longest, by kind).
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, createHistogram, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

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

// GC pauses on the main thread: scavenges (the young generation) and mark-compacts, with the pauses over 2 ms.
const gcKinds = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark_compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak_callbacks',
};
let gc = {};
let measuring = false;
new PerformanceObserver((list) => {
  if (!measuring) return;
  for (const entry of list.getEntries()) {
    const kind = gcKinds[entry.detail?.kind] ?? String(entry.detail?.kind);
    const figures = (gc[kind] ??= { count: 0, ms: 0, max_ms: 0, over_2ms: 0 });
    figures.count += 1;
    figures.ms += entry.duration;
    figures.max_ms = Math.max(figures.max_ms, entry.duration);
    if (entry.duration > 2) figures.over_2ms += 1;
  }
}).observe({ entryTypes: ['gc'] });

// The WAL file's largest size while measured. A WAL started over is written again from its start and the file keeps
// its size (no journal_size_limit), so this is the most the WAL has held since the lab started, as is the end figure.
let walMaxBytes = 0;
const walSize = () => {
  try {
    return databaseFile ? statSync(`${databaseFile}-wal`).size : 0;
  } catch {
    return 0;
  }
};
setInterval(() => {
  if (measuring) walMaxBytes = Math.max(walMaxBytes, walSize());
}, 100).unref();

// Checkpoints run on the main thread (db/checkpointer.ts' tail copy before the WAL starts over).
let checkpoints = { count: 0, ms: 0, max_ms: 0 };
const pragma = Database.prototype.pragma;
Database.prototype.pragma = function (source, options) {
  if (!source.startsWith('wal_checkpoint')) return pragma.call(this, source, options);
  const start = performance.now();
  try {
    return pragma.call(this, source, options);
  } finally {
    const ms = performance.now() - start;
    if (measuring) {
      checkpoints.count += 1;
      checkpoints.ms += ms;
      checkpoints.max_ms = Math.max(checkpoints.max_ms, ms);
    }
  }
};

setTimeout(
  () => {
    commitMicros.reset();
    commits = commitMs = slow = slowMs = 0;
    loopDelay.enable();
    gc = {};
    checkpoints = { count: 0, ms: 0, max_ms: 0 };
    measuring = true;
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
    wal_mb: databaseFile ? (walSize() / 1e6).toFixed(1) : null,
    wal_max_mb: (walMaxBytes / 1e6).toFixed(1),
    main_checkpoints: { ...checkpoints, ms: Math.round(checkpoints.ms), max_ms: checkpoints.max_ms.toFixed(2) },
    gc: Object.fromEntries(
      Object.entries(gc).map(([kind, f]) => [kind, { ...f, ms: Math.round(f.ms), max_ms: f.max_ms.toFixed(1) }]),
    ),
  };
  process.stderr.write(`MEASURE ${JSON.stringify(figures)}\n`);
});
